import { describe, expect, it } from 'vitest';
import { chan, explore, go, program, yield_ } from '../../src/index.js';
import { FindingCauses } from '../../src/checker/findings.js';
import { errorFinding } from '../../src/cli/failures.js';

/*
 * Every finding carries a cause code, not only the checker's verdicts: the findings made by the
 * runtime (an unhandled rejection), by explore (a replay that diverged) and by the CLI (a program
 * its watchdog stopped, or one it could not explore). Code tells findings apart by it, never by words.
 */
describe('the cause of findings made outside the verdicts', () => {
  it('should say unhandled-rejection for a rejected promise nobody handled', async () => {
    const floating = program(async () => {
      const done = chan<void>();
      go(async () => {
        void Promise.reject(new Error('floating error'));
        await yield_();
        await done.send();
      }, 'worker');
      await done.recv();
    });
    const r = await explore(floating, { runs: 20, seed: 1 });
    expect(r.findings[0]!.kind).toBe('panic');
    expect(r.findings[0]!.cause).toBe('unhandled-rejection');
  });

  it('should say nondeterministic for a failing schedule whose replay differs', async () => {
    let calls = 0;
    const r = await explore(
      async () => {
        calls++;
        const c = chan<number>();
        if (calls === 1) await c.recv(); // state kept between runs
      },
      { runs: 3 },
    );
    expect(r.findings[0]!.kind).toBe('nondeterministic');
    expect(r.findings[0]!.cause).toBe('nondeterministic');
  });

  it('should say watchdog for a program the CLI stopped, and not-explored for one it could not run', () => {
    const stopped = errorFinding('a.ts', 'main', { type: 'timeout', ms: 60_000, phase: 'run' });
    expect(stopped.cause).toBe('watchdog');
    const loading = errorFinding('a.ts', 'main', { type: 'timeout', ms: 60_000, phase: 'load' });
    expect(loading.cause).toBe('watchdog');
    const failed = errorFinding('a.ts', 'main', { type: 'failed', stage: 'run', message: 'boom' });
    expect(failed.cause).toBe('not-explored');
    for (const f of [stopped, loading, failed]) expect(FindingCauses).toContain(f.cause);
  });
});
