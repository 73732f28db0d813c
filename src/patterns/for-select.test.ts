import { describe, expect, it } from 'vitest';
import { chan, go, time, WaitGroup } from '../core.js';
import { forSelect, loop, type StopReason } from './for-select.js';
import { generator } from './pipeline.js';
import { DONE_KINDS, expectClean, makeDone } from './testing.js';

const SEED = 71;

describe('patterns/for-select', () => {
  for (const kind of DONE_KINDS) {
    it(`should run loop's steps until done (${kind}) fires, as the seed's worker (200 runs, seed ${SEED})`, async () => {
      const counts = new Set<number>();
      await expectClean(async () => {
        const [done, cancel] = makeDone(kind);
        let steps = 0;
        let reason: string | undefined;
        const wg = new WaitGroup();
        wg.add(1);
        go(async () => {
          reason = await loop(done, () => time.sleep(100 * time.Millisecond).then(() => void steps++));
          wg.done();
        }, 'worker');
        await time.sleep(450 * time.Millisecond);
        cancel();
        await wg.wait();
        expect(reason).toBe('done');
        counts.add(steps);
      }, SEED);
      expect([...counts]).toEqual([5]);
    });
  }

  it(`should stop loop when a step returns false (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      let i = 0;
      expect(await loop(null, () => ++i < 3)).toBe('stopped');
      expect(i).toBe(3);
    }, SEED);
  });

  it(`should handle values until the input closes, the handler stops, or done fires (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const seen: string[] = [];
      expect(await forSelect(null, generator(null, 'a', 'b'), (v) => void seen.push(v))).toBe('closed');
      expect(seen).toEqual(['a', 'b']);
      const [d1, c1] = makeDone('ctx');
      expect(await forSelect(d1, generator(d1, 1, 2, 3), (v) => v < 2)).toBe('stopped');
      c1();
      const [d2, c2] = makeDone('chan');
      const work = chan<number>();
      const results: StopReason[] = [];
      const wg = new WaitGroup();
      wg.add(1);
      go(async () => {
        results.push(await forSelect(d2, work, async () => time.sleep(time.Millisecond)));
        wg.done();
      });
      await work.send(1);
      await work.send(2);
      c2();
      await wg.wait();
      expect(results).toEqual(['done']);
    }, SEED);
  });
});
