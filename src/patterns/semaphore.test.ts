import { describe, expect, it } from 'vitest';
import { atomic, chan, context, go, GoPanic, time, WaitGroup } from '../core.js';
import { limit, Semaphore } from './semaphore.js';
import { DONE_KINDS, expectClean, makeDone } from './testing.js';

const SEED = 83;

describe('patterns/semaphore', () => {
  it(`should never let more than N hold it, as the seed's queuing example (200 runs, seed ${SEED})`, async () => {
    const peaks = new Set<number>();
    await expectClean(async () => {
      const sem = new Semaphore(3);
      const active = new atomic.Int();
      let peak = 0;
      const wg = new WaitGroup();
      for (let i = 1; i <= 5; i++) {
        wg.add(1);
        expect(await sem.acquire()).toBe(true);
        go(async () => {
          peak = Math.max(peak, active.add(1));
          await time.sleep(500 * time.Millisecond);
          active.add(-1);
          await sem.release();
          wg.done();
        }, 'task');
      }
      await wg.wait();
      expect(sem.held()).toBe(0);
      peaks.add(peak);
    }, SEED);
    expect([...peaks]).toEqual([3]);
  });

  it(`should not acquire once done fired, tryAcquire without blocking, and panic on a release too many (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const sem = new Semaphore(1);
      expect(await sem.tryAcquire()).toBe(true);
      expect(await sem.tryAcquire()).toBe(false);
      const [done, cancel] = makeDone('chan');
      go(cancel);
      expect(await sem.acquire(done)).toBe(false); // full: only done can fire
      await sem.release();
      await expect(sem.release()).rejects.toBeInstanceOf(GoPanic);
      expect(() => new Semaphore(0)).toThrow(RangeError);
    }, SEED);
  });

  it(`should run limit's jobs at most n at once, results in job order (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const active = new atomic.Int();
      let peak = 0;
      const jobs = [30, 10, 20, 0, 40].map((ms, i) => async () => {
        peak = Math.max(peak, active.add(1));
        await time.sleep(ms * time.Millisecond);
        active.add(-1);
        if (i === 3) throw new Error('three');
        return i;
      });
      const rs = await limit(null, 2, jobs);
      expect(rs.map((r) => (r.ok ? r.value : r.error.message))).toEqual([0, 1, 2, 'three', 4]);
      expect(peak).toBeLessThanOrEqual(2);
    }, SEED);
  });

  for (const kind of DONE_KINDS) {
    for (const after of [0, 1, 2]) {
      it(`should start no job once done (${kind}) fires after ${after} jobs finished, and leave no task (200 runs, seed ${SEED})`, async () => {
        await expectClean(async () => {
          const [done, cancel] = makeDone(kind);
          const finished = chan<void>(10);
          const jobs = Array.from({ length: 5 }, (_, i) => async () => {
            await time.sleep(time.Millisecond);
            await finished.send();
            return i;
          });
          go(async () => {
            for (let i = 0; i < after; i++) await finished.recv();
            cancel();
          }, 'canceller');
          const rs = await limit(done, 1, jobs);
          const started = rs.filter((r) => r.ok).length;
          expect(started).toBeGreaterThanOrEqual(after);
          expect(started).toBeLessThanOrEqual(after + 1);
          for (const r of rs.slice(started)) expect(!r.ok && r.error).toBe(context.canceled);
        }, SEED);
      });
    }
  }
});
