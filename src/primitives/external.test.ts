import { setTimeout as realDelay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { chan, explore, external, go, time, yield_ } from '../index.js';

/** A fake fetch: resolves after a (virtual) delay, no real I/O. */
const fakeFetch = (id: number): Promise<string> =>
  new Promise((resolve) => setTimeout(() => resolve(`user ${id}`), 50));

describe('external', () => {
  it('should make the completion of outside work a scheduling choice', async () => {
    const orders = new Set<string>();
    const r = await explore(
      async () => {
        const log: string[] = [];
        const done = chan<void>();
        go(async () => {
          log.push(await external(() => Promise.resolve('fetched')));
          done.close();
        });
        const otherDone = chan<void>();
        go(async () => {
          await yield_();
          log.push('other');
          otherDone.close();
        });
        await done.recv();
        await otherDone.recv();
        orders.add(log.join(','));
      },
      { runs: 60, seed: 2 },
    );
    expect(r.findings).toEqual([]);
    expect(orders).toEqual(new Set(['fetched,other', 'other,fetched']));
  });

  it('should wait for work that settles on the virtual clock, following the plain promise (compatibility mode)', async () => {
    const r = await explore(async () => {
      expect(await external(() => fakeFetch(7))).toBe('user 7');
    });
    expect(r.findings).toEqual([]);
    // The caller awaits a plain promise the work's own task settles: the run follows it through
    // async context, switched on by itself.
    expect(r.compat).toBe(true);
  });

  it('should deliver a rejection as an exception in the task', async () => {
    let caught: unknown;
    const r = await explore(async () => {
      try {
        await external(() => Promise.reject(new Error('503')));
      } catch (e) {
        caught = e;
      }
    });
    expect(r.findings).toEqual([]);
    expect((caught as Error).message).toBe('503');
  });

  it('should report real outside work as an outside await naming the task, never explore it as clean', async () => {
    const r = await explore(
      async () => {
        // Real time: only the outside world settles it (node:timers/promises is not faked).
        await external(() => realDelay(20));
      },
      { runs: 3 },
    );
    expect(r.findings.map((f) => f.cause)).toEqual(['outside-await']);
    expect(r.findings[0]!.message).toMatch(
      /task 2 \(external\) is waiting on something interleave does not control/,
    );
  });
});

describe('external and virtual time', () => {
  it('should deliver outside work at the virtual time it settles, not after the next timer', async () => {
    let resumedAt = -1;
    const r = await explore(
      async () => {
        go(() => time.sleep(time.Second), 'sleeper');
        await external(() => new Promise((resolve) => setTimeout(resolve, 100)));
        resumedAt = time.since(new time.Time(0)) / time.Millisecond;
      },
      { runs: 10 },
    );
    expect(r.findings).toEqual([]);
    expect(resumedAt).toBe(100);
  });
});
