import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cruise, type IForbiddenRuleType } from 'dependency-cruiser';

/*
 * The layer rules of .dependency-cruiser.cjs (run by `npm run lint`) against a small made-up tree:
 * each rule must fire on the arrow it forbids and stay quiet on the arrows that flow down.
 */
const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as {
  forbidden: IForbiddenRuleType[];
};

const root = mkdtempSync(path.join(tmpdir(), 'interleave-layers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(root, 'tree-'));
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
  );
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** The violations in `dir` as `rule from -> to`. */
async function violations(dir: string): Promise<string[]> {
  // Rule paths are relative to the folder cruised from: baseDir.
  const result = await cruise(['src'], {
    baseDir: dir,
    ruleSet: { forbidden: config.forbidden },
    validate: true,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(dir, 'tsconfig.json') },
  });
  if (typeof result.output === 'string') throw new Error('expected a cruise result, not text');
  return result.output.summary.violations.map((v) => `${v.rule.name} ${v.from} -> ${v.to}`).sort();
}

const leaf = 'export const leaf = 1;\n';

describe('the layer rules (npm run lint)', () => {
  it('should accept imports that flow down the layers', async () => {
    const dir = tree({
      'src/base/errors.ts': leaf,
      'src/runtime/loop.ts': "import { leaf } from '../base/errors.js';\nexport const loop = leaf;\n",
      'src/primitives/chan.ts': "import { loop } from '../runtime/loop.js';\nexport const chan = loop;\n",
      'src/core.ts': "export { chan } from './primitives/chan.js';\n",
      'src/patterns/tee.ts': "import { chan } from '../core.js';\nexport const tee = chan;\n",
      'src/cli/main.ts': "import { tee } from '../patterns/tee.js';\nexport const main = tee;\n",
    });
    expect(await violations(dir)).toEqual([]);
  });

  it('should reject an import up the layers, a type-only one too', async () => {
    const dir = tree({
      'src/runtime/task.ts': 'export interface Task { id: number }\n',
      'src/checker/verdicts.ts': "import type { Task } from '../runtime/task.js';\nexport type V = Task;\n",
      'src/base/site.ts': "import { x } from '../explore/explore.js';\nexport const y = x;\n",
      'src/explore/explore.ts': 'export const x = 1;\n',
    });
    expect(await violations(dir)).toEqual([
      'no-upward-from-base src/base/site.ts -> src/explore/explore.ts',
      'no-upward-from-checker src/checker/verdicts.ts -> src/runtime/task.ts',
    ]);
  });

  it('should reject a cycle, even inside one layer and through type-only imports', async () => {
    const dir = tree({
      'src/runtime/realm.ts':
        "import type { Loop } from './loop.js';\nexport let live: Loop | null = null;\n",
      'src/runtime/loop.ts': "import { live } from './realm.js';\nexport class Loop { other = live; }\n",
    });
    expect(await violations(dir)).toEqual(['no-circular src/runtime/loop.ts -> src/runtime/realm.ts']);
    const typesOnly = tree({
      'src/runtime/task.ts': "import type { Clock } from './clock.js';\nexport interface Task { c: Clock }\n",
      'src/runtime/clock.ts': "import type { Task } from './task.js';\nexport interface Clock { t: Task }\n",
    });
    expect(await violations(typesOnly)).toHaveLength(1);
    expect((await violations(typesOnly))[0]).toMatch(/^no-circular src\/runtime\/(task|clock)\.ts -> /);
  });

  it('should keep the patterns on the core entry, and side-by-side folders apart', async () => {
    const dir = tree({
      'src/runtime/loop.ts': leaf,
      'src/patterns/tee.ts': "import { leaf } from '../runtime/loop.js';\nexport const tee = leaf;\n",
      'src/free/free.ts': "import { host } from '../host/patch.js';\nexport const free = host;\n",
      'src/host/patch.ts': 'export const host = 1;\n',
    });
    expect(await violations(dir)).toEqual([
      'no-free-to-host src/free/free.ts -> src/host/patch.ts',
      'patterns-on-the-core-only src/patterns/tee.ts -> src/runtime/loop.ts',
    ]);
  });

  it('should keep interleave/fast-check a front door apart from the CLI and the Vitest entry', async () => {
    const dir = tree({
      'src/core.ts': leaf,
      'src/fast-check/schedule.ts':
        "import { leaf } from '../core.js';\nimport { v } from '../vitest/report.js';\nexport const s = leaf + v;\n",
      'src/vitest/report.ts': 'export const v = 1;\n',
      'src/cli/main.ts': "import { s } from '../fast-check/schedule.js';\nexport const m = s;\n",
      'src/explore/explore.ts': "import { s } from '../fast-check/schedule.js';\nexport const x = s;\n",
    });
    expect(await violations(dir)).toEqual([
      'no-cli-to-fast-check src/cli/main.ts -> src/fast-check/schedule.ts',
      'no-fast-check-to-vitest src/fast-check/schedule.ts -> src/vitest/report.ts',
      'no-upward-from-explore src/explore/explore.ts -> src/fast-check/schedule.ts',
    ]);
  });

  it('should reject package code that imports a test or a fixture', async () => {
    const dir = tree({
      'test/fixtures/programs.ts': leaf,
      'src/strategies/dfs.ts':
        "import { leaf } from '../../test/fixtures/programs.js';\nexport const d = leaf;\n",
    });
    expect(await violations(dir)).toEqual([
      'no-tests-in-the-package src/strategies/dfs.ts -> test/fixtures/programs.ts',
    ]);
  });
});
