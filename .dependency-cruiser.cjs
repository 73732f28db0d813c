/**
 * The layers of src/, lowest first: a module may import its own layer and the layers below it, never
 * one above. `npm run lint` runs this (`depcruise src`) and fails on any arrow against the flow and on
 * any cycle. docs/architecture.md says what each layer owns.
 */
const layers = [
  ['base', '^src/base/'],
  ['transform', '^src/transform/'],
  ['strategies', '^src/strategies/'],
  ['checker', '^src/checker/'],
  ['runtime', '^src/runtime/'],
  ['host', '^src/host/'],
  ['free', '^src/free/'],
  ['primitives', '^src/primitives/'],
  ['explore', '^src/explore/'],
  ['report', '^src/report/'],
  ['core', '^src/core[.]ts$'],
  ['patterns', '^src/patterns/'],
  ['entry', '^src/(index[.]ts|vitest/|cli/|fast-check/)'],
];

/** Pairs on one level that must not know each other. */
const apart = [
  ['host', 'free'],
  ['cli', 'vitest'],
  ['cli', 'fast-check'],
  ['vitest', 'fast-check'],
];

const pathOf = Object.fromEntries(layers);
const upward = layers.slice(0, -1).map(([name, path], i) => ({
  name: `no-upward-from-${name}`,
  comment: `${name} may import only ${layers
    .slice(0, i + 1)
    .map(([n]) => n)
    .join(', ')}`,
  severity: 'error',
  from: { path },
  to: { path: layers.slice(i + 1).map(([, p]) => p) },
}));
const sideways = apart.flatMap(([a, b]) =>
  [
    [a, b],
    [b, a],
  ].map(([x, y]) => ({
    name: `no-${x}-to-${y}`,
    comment: `${x} and ${y} stand side by side: neither imports the other`,
    severity: 'error',
    from: { path: pathOf[x] ?? `^src/${x}/` },
    to: { path: pathOf[y] ?? `^src/${y}/` },
  })),
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'a cycle makes load order matter and hides which module owns what',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-tests-in-the-package',
      comment: 'package code never imports a test or a fixture',
      severity: 'error',
      from: { path: '^src/', pathNot: '[.]test[.]ts$' },
      to: { path: ['[.]test[.]ts$', '^test/'] },
    },
    {
      name: 'patterns-on-the-core-only',
      comment: 'the patterns are built on the public core (src/core.ts) and the leaf modules, nothing else',
      severity: 'error',
      from: { path: '^src/patterns/' },
      to: { path: '^src/', pathNot: ['^src/patterns/', '^src/core[.]ts$', '^src/base/'] },
    },
    ...upward,
    ...sideways,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '[.]test[.]ts$|^src/patterns/testing[.]ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
