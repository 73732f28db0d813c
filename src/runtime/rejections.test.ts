import { describe, expect, it } from 'vitest';
import { chan, decodeReplay, explore, go, program, replay, yield_ } from '../index.js';

/** A task makes a rejected promise nobody handles, then goes on and finishes: the run is clean otherwise. */
const floating = program(async () => {
  const done = chan<void>();
  go(async () => {
    void Promise.reject(new Error('floating error'));
    await yield_();
    await done.send();
  }, 'worker');
  await done.recv();
});

describe('unhandled rejections under a run', () => {
  it('should be a panic of the task that made the promise, with a replay string, in every exploration', async () => {
    const verdicts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await explore(floating, { runs: 100, seed: 1 });
      expect(r.findings).toHaveLength(1);
      const f = r.findings[0]!;
      expect(f.kind).toBe('panic');
      expect(f.cause).toBe('unhandled-rejection');
      expect(f.message).toBe('panic: unhandled rejection: floating error');
      expect(f.task).toBe(2);
      expect(f.summary).toContain('task 2 (worker)');
      expect(f.replay).toMatch(/^il1\./);
      verdicts.push(`${f.run} ${f.message} ${f.replay}`);
      const again = await replay(floating, decodeReplay(f.replay));
      expect(again.finding?.message).toBe(f.message);
      expect(again.finding?.task).toBe(2);
    }
    expect(new Set(verdicts).size).toBe(1);
  });

  it('should leave no listener on the process after an exploration, whatever its runs ended with', async () => {
    const before = [process.listenerCount('unhandledRejection'), process.listenerCount('rejectionHandled')];
    await explore(floating, { runs: 50, seed: 1 });
    await explore(async () => {}, { runs: 50, seed: 1 });
    await explore(floating, { runs: 50, seed: 1, findAll: true, shrink: false });
    expect([process.listenerCount('unhandledRejection'), process.listenerCount('rejectionHandled')]).toEqual(
      before,
    );
  });

  it('should not count a rejection handled before the run ends', async () => {
    const r = await explore(
      async () => {
        const ch = chan<number>();
        const p = Promise.reject(new Error('late'));
        go(async () => {
          await ch.send(1);
        });
        await ch.recv();
        await p.catch(() => {});
      },
      { runs: 20 },
    );
    expect(r.findings).toEqual([]);
  });

  it('should leave a run that already has a finding as it was', async () => {
    const r = await explore(
      async () => {
        void Promise.reject(new Error('floating'));
        await chan<void>().recv();
      },
      { runs: 5 },
    );
    expect(r.findings[0]!.kind).toBe('deadlock');
  });
});
