import { describe, expect, it } from 'vitest';
import { atomic, chan, go, time, yield_ } from '../core.js';
import { collect } from './pipeline.js';
import type { Result } from './result.js';
import { cancelPoints, expectClean, makeDone, sorted, takeThenCancel } from './testing.js';
import { workerPool } from './worker-pool.js';

const SEED = 79;

const values = <R>(rs: Result<R>[]): R[] => rs.flatMap((r) => (r.ok ? [r.value] : []));

describe('patterns/workerPool', () => {
  it(`should process every task with at most N at once and close results (200 runs, seed ${SEED})`, async () => {
    const peaks = new Set<number>();
    await expectClean(async () => {
      const active = new atomic.Int();
      let peak = 0;
      const results = workerPool(null, {
        workers: 3,
        tasks: Array.from({ length: 10 }, (_, i) => i + 1),
        queue: 2,
        handle: async (t) => {
          peak = Math.max(peak, active.add(1));
          await time.sleep((t % 3) * time.Millisecond);
          active.add(-1);
          return t * t;
        },
      });
      const rs = await collect(results);
      expect(sorted(values(rs))).toEqual(sorted(Array.from({ length: 10 }, (_, i) => (i + 1) ** 2)));
      expect(peak).toBeLessThanOrEqual(3);
      peaks.add(peak);
    }, SEED);
    expect(Math.max(...peaks)).toBe(3);
  });

  it(`should shut down cleanly when the producer closes its own task channel, reporting handler errors (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const tasks = chan<number>(8);
      go(async () => {
        for (let i = 1; i <= 5; i++) await tasks.send(i);
        tasks.close();
      }, 'producer');
      const rs = await collect(
        workerPool(null, {
          workers: 2,
          tasks,
          handle: (t) => {
            if (t === 4) throw new Error('four');
            return t;
          },
        }),
      );
      expect(sorted(values(rs))).toEqual([1, 2, 3, 5]);
      expect(rs.filter((r) => !r.ok).map((r) => !r.ok && r.error.message)).toEqual(['four']);
    }, SEED);
  });

  for (const p of cancelPoints([0, 1, 3])) {
    it(`should leave no task when the consumer cancels ${p.label} (200 runs, seed ${SEED})`, async () => {
      await expectClean(async () => {
        const [done, cancel] = makeDone(p.kind);
        const results = workerPool(done, {
          workers: 2,
          tasks: function* () {
            for (let i = 0; ; i++) yield i; // endless: only cancellation stops the pool
          },
          handle: async (t, ctx) => {
            await yield_();
            return ctx.err() === null ? t : -1;
          },
        });
        expect(await takeThenCancel(results, p.k, cancel, p.stopFirst)).toHaveLength(p.k);
      }, SEED);
    });
  }

  it(`should refuse fewer than one worker (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      expect(() => workerPool(null, { workers: 0, tasks: [], handle: () => 0 })).toThrow(RangeError);
    }, SEED);
  });
});
