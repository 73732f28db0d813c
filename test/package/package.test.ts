import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run.js';
import { cleanEnv, npm, OWN_VERSION, runIn, version, writeIn, type Run } from './scratch-project.js';

/*
 * The package as a user meets it: `npm pack`, the tarball installed into a fresh project beside
 * vitest and typescript (from npm's cache, as `npm ci` left it), then every entry point used from
 * that project: plain node (ESM and CommonJS), tsc with the strictest flags, the documented Vitest
 * setup, and the CLI on a .ts and a .mjs program. Nothing here reads the repository's sources.
 */

/** The fields of the installed package.json this test reads. */
interface PackageManifest {
  readonly scripts: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
}

let work: string;
let project: string;
let packed: { entryCount: number; size: number; unpackedSize: number; files: { path: string }[] };

/** A command of the scratch project (its node_modules/.bin), run there as a user would. */
const inProject = (bin: string, ...args: string[]): Run => runIn(project, bin, ...args);
const write = (file: string, text: string): void => writeIn(project, file, text);

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'interleave-pack-'));
  project = path.join(work, 'project');
  mkdirSync(project);
  // dist/ is fresh (the suite's global setup builds it from the sources): pack it as it is, without
  // prepack's rebuild, which would swap dist/ under the other tests that run the CLI meanwhile.
  [packed] = JSON.parse(npm(ROOT, 'pack', '--ignore-scripts', '--json', '--pack-destination', work)) as [
    typeof packed,
  ];
  write('package.json', JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2));
  npm(
    project,
    'install',
    '--prefer-offline',
    '--no-save',
    path.join(work, `interleave-${OWN_VERSION}.tgz`),
    `vitest@${version('vitest')}`,
    `fast-check@${version('fast-check')}`,
    `typescript@${version('typescript')}`,
    `@types/node@${version('@types/node')}`,
  );
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('should ship dist, bin, README, LICENSE and package.json, and nothing else', () => {
    const files = packed.files.map((f) => f.path);
    process.stdout.write(
      `interleave tarball: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files\n`,
    );
    const outside = files.filter((f) => !f.startsWith('dist/'));
    expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'bin/interleave.js', 'package.json']);
    expect(files.filter((f) => /\.test\.|fixtures|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/index.d.ts.map');
    expect(files).toContain('dist/index.js.map');
    expect(files).toContain('dist/vitest/index.js');
    expect(files).toContain('dist/fast-check/index.js');
    expect(files).toContain('dist/cli/pool-worker.mjs');
    const manifest = JSON.parse(
      readFileSync(path.join(project, 'node_modules/interleave/package.json'), 'utf8'),
    ) as PackageManifest;
    // What a real `npm pack` or `npm publish` does first: build dist/ from the sources.
    expect(manifest.scripts.prepack).toBe('node scripts/build.mjs');
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('vitest');
    expect(manifest.peerDependenciesMeta?.vitest?.optional).toBe(true);
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('fast-check');
    expect(manifest.peerDependenciesMeta?.['fast-check']?.optional).toBe(true);
  });

  it('should run a fast-check property with interleave/fast-check and shrink its schedule', () => {
    write(
      'prop.mjs',
      `import fc from 'fast-check';
import { chan, go, select } from 'interleave';
import { schedule } from 'interleave/fast-check';
// A reply nobody reads when quit wins: a leak under some schedules only.
const r = await fc.check(
  fc.asyncProperty(schedule(), async (s) => {
    await s.run(async () => {
      const reply = chan();
      const quit = chan();
      go(async () => { await reply.send(1); }, 'worker');
      go(async () => { quit.close(); }, 'quitter');
      await select([{ recv: reply }, { recv: quit }]);
    });
  }),
  { seed: 5 },
);
console.log(r.failed, r.errorInstance.finding.kind, r.counterexample[0].choices.length <= 2);
`,
    );
    const r = spawnSync(process.execPath, ['prop.mjs'], { cwd: project, encoding: 'utf8', env: cleanEnv() });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('true leak true\n');
    expect(r.status).toBe(0);
  });

  it('should run a plain node ESM script using channels in free mode', () => {
    write(
      'app.mjs',
      `import { chan, go, select, time } from 'interleave';
const ch = chan();
go(async () => {
  for (let i = 0; i < 3; i++) await ch.send(i);
  ch.close();
});
const got = [];
for await (const v of ch) got.push(v);
const r = await select([{ recv: time.after(5) }]);
console.log('got', got.join(','), 'timer', r.index);
`,
    );
    const r = spawnSync(process.execPath, ['app.mjs'], { cwd: project, encoding: 'utf8', env: cleanEnv() });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('got 0,1,2 timer 0\n');
    expect(r.status).toBe(0);
  });

  it("should load with require('interleave') from a .cjs file", () => {
    write(
      'app.cjs',
      `const { chan, go, WaitGroup } = require('interleave');
const ch = chan(1);
const wg = new WaitGroup();
wg.add(1);
go(async () => { await ch.send(42); wg.done(); });
wg.wait().then(() => ch.recv()).then((v) => console.log('cjs got', v));
`,
    );
    const r = spawnSync(process.execPath, ['app.cjs'], { cwd: project, encoding: 'utf8', env: cleanEnv() });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('cjs got 42\n');
  });

  it("should type-check a consumer's file with tsc --strict and the strictest optional flags", () => {
    write(
      'uses-api.ts',
      `import { chan, context, explore, go, Mutex, patterns, program, select, shared, time, WaitGroup, atomic, type ExploreResult } from 'interleave';
import { interleavePlugin, itExplores } from 'interleave/vitest';

export const p = program(async () => {
  const ch = chan<number>(1);
  const wg = new WaitGroup();
  const mu = new Mutex();
  const n = new atomic.Int();
  const x = shared(0, 'x');
  wg.add(1);
  go(async () => {
    await mu.lock();
    x.set(x.get() + 1);
    mu.unlock();
    n.add(1);
    await ch.send(1);
    wg.done();
  }, 'worker');
  const r = await select([{ recv: ch }, { recv: time.after(1000) }]);
  const [ctx, cancel] = context.withTimeout(context.background(), 10);
  cancel();
  await wg.wait();
  const index: number = r.index;
  return [index, ctx.err()];
});

export async function run(): Promise<number> {
  const result: ExploreResult = await explore(p, { runs: 10, seed: 1 });
  return result.findings.length;
}
export const plugin = interleavePlugin({ runs: 10 });
export const its = itExplores;
export const gen = patterns.generator;
`,
    );
    const base = {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      exactOptionalPropertyTypes: true,
      noPropertyAccessFromIndexSignature: true,
      noUncheckedIndexedAccess: true,
    };
    // The configuration the published types promise (skipLibCheck on), with a file that has one
    // type error beside: tsc reports that error and nothing in the file that uses the API.
    write(
      'uses-api-wrong.ts',
      `import { chan } from 'interleave';\nexport const c: string = chan<number>();\n`,
    );
    const files = ['uses-api.ts', 'uses-api-wrong.ts'];
    write('tsconfig.json', JSON.stringify({ compilerOptions: { ...base, skipLibCheck: true }, files }));
    const strict = inProject('typescript/bin/tsc', '-p', '.');
    expect(strict.status).not.toBe(0);
    expect(strict.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^uses-api-wrong\.ts\(2,14\): error TS2322: Type 'Chan<number/),
    ]);
    // And with every declaration file checked too, and no ambient types.
    const all = { ...base, skipLibCheck: false, types: [] };
    write('tsconfig.json', JSON.stringify({ compilerOptions: all, files: ['uses-api.ts'] }));
    const whole = inProject('typescript/bin/tsc', '-p', '.');
    expect(whole.stdout + whole.stderr).toBe('');
    expect(whole.status).toBe(0);
  });

  it('should run the documented vitest.config.ts with the plugin, and replay a failing schedule first', () => {
    write(
      'vitest.config.ts',
      `import { defineConfig } from 'vitest/config';
import { interleavePlugin } from 'interleave/vitest';

export default defineConfig({
  plugins: [interleavePlugin({ runs: 50, seed: 42 })],
});
`,
    );
    // The example docs/vitest.md shows (a unit test keeps the two the same), and a failing test.
    write('test/example.test.ts', readFileSync(path.join(ROOT, 'test/vitest/example.test.ts'), 'utf8'));
    write(
      'test/ping.test.ts',
      `import { chan, go } from 'interleave';
import { itExplores } from 'interleave/vitest';

itExplores('an unread ping deadlocks', async () => {
  const ping = chan<number>();
  const pong = chan<number>();
  go(async () => {
    await ping.recv();
    await pong.send(1);
  }, 'player');
  await ping.send(1);
  await ping.send(2);
  await pong.recv();
});
`,
    );
    const first = inProject('vitest/vitest.mjs', 'run');
    const out1 = first.stdout + first.stderr;
    expect(first.status, out1).toBe(1);
    expect(out1).toMatch(/Tests +1 failed \| 3 passed/);
    expect(out1).toContain('deadlock');
    expect(out1).toContain('test/ping.test.ts:');
    expect(out1).not.toMatch(/node_modules\/interleave|dist\//);
    const second = inProject('vitest/vitest.mjs', 'run');
    expect(second.stdout + second.stderr).toContain('replaying the schedule this test failed with last time');
  });

  it('should check a .ts and a .mjs program with npx interleave check (exit 1, both findings)', () => {
    write(
      'prog.ts',
      `import { chan, go, program } from 'interleave';

export const leaky = program(async () => {
  const ch = chan<number>();
  go(async () => {
    await ch.send(1);
  }, 'sender');
});
`,
    );
    write(
      'prog.mjs',
      `import { chan, go, program, shared } from 'interleave';

export const racy = program(async () => {
  const x = shared(0, 'x');
  const done = chan();
  go(async () => {
    x.set(1);
    done.close();
  }, 'writer');
  x.get();
  await done.recv();
});
`,
    );
    const r = inProject('.bin/interleave', 'check', 'prog.ts', 'prog.mjs');
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('FAIL  prog.mjs#racy: race');
    expect(r.stdout).toContain('FAIL  prog.ts#leaky: leak');
    // The dump and the race report name the user's files and lines, never interleave's own.
    expect(r.stdout).toContain('\tprog.ts:6');
    expect(r.stdout).toContain('created by main (task 1) at prog.ts:5');
    expect(r.stdout).toMatch(/\n {2}prog\.mjs:7\n/);
    expect(r.stdout + r.stderr).not.toMatch(/node_modules|dist\//);
    const story = inProject('.bin/interleave', 'explain', 'reports/prog.ts.leaky.leak.trace.json');
    expect(story.status).toBe(1);
    expect(story.stdout).toContain('task 2 (sender) blocked: it waits to send on chan#1 (prog.ts:6)');
    expect(story.stdout).not.toMatch(/node_modules|dist\//);
  });

  it("should check a .ts program of a CommonJS package (npm init's default) written with scheduled()", () => {
    // tsx compiles a .ts file of a package without "type": "module" to CommonJS: its programs are
    // found on module.exports. (They were reported as "no exported program(...)".)
    write('cjs/package.json', JSON.stringify({ name: 'scratch-cjs', private: true }, null, 2));
    write(
      'cjs/search.ts',
      `import { program, scheduled } from 'interleave';

const search = scheduled(async (q: string) => \`results for \${q}\`, { name: 'search' });

export const lastResponseWins = program(async () => {
  let shown = '';
  const onInput = async (q: string) => {
    shown = await search(q);
  };
  await Promise.all([onInput('a'), onInput('ab')]);
  if (shown !== 'results for ab') throw new Error(\`stale results: \${shown}\`);
});
`,
    );
    const r = inProject('.bin/interleave', 'check', 'cjs/search.ts');
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('FAIL  cjs/search.ts#lastResponseWins: panic');
    expect(r.stdout).toContain('panic: stale results: results for a');
    expect(r.stdout).toContain("CallStarted call#1 (search): ('a')");
  });

  it('should replay a string recorded by the repository, and the repository one recorded by the package', () => {
    cpSync(path.join(ROOT, 'examples/seed'), path.join(project, 'examples/seed'), { recursive: true });
    const replayOf = (out: string): string => /replay '(il1\.[^']+)'/.exec(out)![1]!;
    const repo = (...args: string[]): Run => {
      const r = spawnSync(process.execPath, ['bin/interleave.js', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...cleanEnv(), NO_COLOR: '1' },
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const fromRepo = repo('check', 'examples/seed/tee.ts#teeUsage', '--seed', '3', '--runs', '20');
    expect(fromRepo.status).toBe(1);
    const inPackage = inProject('.bin/interleave', 'replay', replayOf(fromRepo.stdout));
    expect(inPackage.status, inPackage.stderr).toBe(1);
    expect(inPackage.stdout).toContain('fatal error: all goroutines are asleep - deadlock!');

    const fromPackage = inProject(
      '.bin/interleave',
      'check',
      'examples/seed/tee.ts#teeUsage',
      '--seed',
      '5',
      '--runs',
      '20',
    );
    expect(fromPackage.status).toBe(1);
    const inRepo = repo('replay', replayOf(fromPackage.stdout));
    expect(inRepo.status, inRepo.stderr).toBe(1);
    expect(inRepo.stdout).toContain('fatal error: all goroutines are asleep - deadlock!');
  });

  it('should print its version', () => {
    const r = inProject('.bin/interleave', '--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(OWN_VERSION);
  });
});
