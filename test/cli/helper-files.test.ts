import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './in-process.js';
import { fixture, ROOT } from './run.js';

/*
 * A folder's helper modules (files that export no program) are counted in one line, not named one
 * by one; a file named on the command line that exports none is still named.
 */

const FOLDER = 'test/cli/fixtures/.scratch-helpers';
const scratch = path.join(ROOT, FOLDER);

beforeAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch);
  writeFileSync(path.join(scratch, 'clean.ts'), readFileSync(path.join(ROOT, fixture('clean.ts'))));
  writeFileSync(path.join(scratch, 'format.ts'), 'export const format = (n: number): string => `#${n}`;\n');
  writeFileSync(path.join(scratch, 'limits.ts'), 'export const LIMIT = 3;\n');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const noProgramLines = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => l.includes('no exported program'));

describe('check: files without programs', () => {
  it('should count a folder’s helper files in one line and name none of them', async () => {
    const r = await runMain(['check', FOLDER, '--runs', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(noProgramLines(r.stderr)).toEqual([]);
    expect(r.stderr).toContain('interleave: 2 files without programs skipped\n');
    expect(r.stdout).toContain(`${FOLDER}/clean.ts#pingPong`);
  });

  it('should count them the same way when every file is listed first (sharding)', async () => {
    const r = await runMain(['check', FOLDER, '--runs', '2', '--shard', '1/1']);
    expect(r.status, r.stderr).toBe(0);
    expect(noProgramLines(r.stderr)).toEqual([]);
    expect(r.stderr).toContain('interleave: 2 files without programs skipped\n');
  });

  it('should name a file given on the command line that exports no program', async () => {
    const r = await runMain(['check', `${FOLDER}/format.ts`, `${FOLDER}/clean.ts`, '--runs', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(noProgramLines(r.stderr)).toEqual([`interleave: ${FOLDER}/format.ts: no exported program(...)`]);
    expect(r.stderr).not.toContain('skipped');
  });

  it('should print no line per helper file of examples/seed', async () => {
    const r = await runMain(['check', 'examples/seed', '--runs', '1']);
    expect(noProgramLines(r.stderr)).toEqual([]);
    expect(r.stderr).toContain('interleave: 2 files without programs skipped\n');
  });
});
