import { describe, expect, it } from 'vitest';
import { runMain } from '../cli/in-process.js';
import { parseReport, traced } from '../cli/run.js';

/*
 * Through the command line in this process: the program's plain awaits are rewritten as it loads
 * (transform/await-hooks.mjs), so a lost update that needs one task's code in another's
 * one-microtask gap is found, and its replay string reproduces it.
 */

const FILE = 'test/transform/fixtures/balance.ts';
const DIR = 'reports/await-points-test';

describe('interleave check on plain awaits', () => {
  it('should find the lost update, reproduce it by replay, and pass the fixed version', async () => {
    const r = await runMain(['check', FILE, '--runs', '100', '--seed', '1', '--reports-dir', DIR, '--json']);
    const json = parseReport(r.stdout);
    const lost = json.programs.find((p) => p.name === 'lostUpdate')!;
    const found = traced(lost.findings[0]);
    expect(found.message).toMatch(/lost update: balance is (80|90), not 70/);
    expect(json.programs.find((p) => p.name === 'fixed')!.findings).toEqual([]);

    const replayed = await runMain(['replay', found.replay]);
    expect(replayed.stdout).toContain(found.message);
  });

  it('should give the same finding for the same seed', async () => {
    const once = async (): Promise<unknown> => {
      const r = await runMain(['check', `${FILE}#lostUpdate`, '--runs', '100', '--seed', '7', '--json']);
      const f = parseReport(r.stdout).programs[0]!.findings[0]!;
      return [f.message, f.replay, f.run];
    };
    expect(await once()).toEqual(await once());
  });

  it('should miss it with --await-points 0 (no plain await is a switch point)', async () => {
    const r = await runMain([
      'check',
      `${FILE}#lostUpdate`,
      '--runs',
      '100',
      '--await-points',
      '0',
      '--json',
    ]);
    expect(r.status).toBe(0);
    expect(parseReport(r.stdout).programs[0]!.findings).toEqual([]);
  });
});
