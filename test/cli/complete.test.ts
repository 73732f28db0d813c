import { describe, expect, it } from 'vitest';
import { cli, fixture, parseReport } from './run.js';

/* `complete` in `interleave check`: per program in --json and on the terminal, with its scope. */
describe('interleave check: complete, and what it covers', () => {
  it('should claim complete for a channel-only program under dfs, with its scope, in JSON and text', () => {
    const json = cli('check', fixture('clean.ts'), '--strategy', 'dfs', '--runs', '10000', '--json');
    expect(json.status).toBe(0);
    const p = parseReport(json.stdout).programs[0]!;
    expect([p.complete, p.completeScope, p.incompleteReason]).toEqual([
      true,
      'every schedule of interleave operations (dfs)',
      undefined,
    ]);
    const text = cli('check', fixture('clean.ts'), '--strategy', 'dfs', '--runs', '10000');
    expect(text.stdout).toContain(
      'ok    test/cli/fixtures/clean.ts#pingPong (', // its run count, then the claim
    );
    expect(text.stdout).toContain('; complete: every schedule of interleave operations (dfs))');
    expect(text.stdout).toContain(
      '1 program in 1 file: 1 clean (1 explored completely: every schedule of interleave operations)',
    );
  });

  it('should not claim complete for a race on plain state under dfs, and say why', () => {
    const json = cli('check', fixture('plain-counter.ts'), '--strategy', 'dfs', '--runs', '10000', '--json');
    expect(json.status).toBe(0);
    const p = parseReport(json.stdout).programs[0]!;
    expect(p.complete).toBe(false);
    expect(p.completeScope).toBeUndefined();
    expect(p.incompleteReason).toMatch(/does not see: (.+, )?plain awaits followed through promises/);
  });

  it('should say complete: false for a sampling strategy', () => {
    const json = cli('check', fixture('clean.ts'), '--strategy', 'random', '--runs', '5', '--json');
    expect(parseReport(json.stdout).programs[0]!.complete).toBe(false);
  });
});
