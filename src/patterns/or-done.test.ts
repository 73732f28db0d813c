import { describe, expect, it } from 'vitest';
import { chan } from '../core.js';
import { orDone } from './or-done.js';
import { collect, generator } from './pipeline.js';
import { repeat } from './repeat.js';
import { cancelPoints, expectClean, makeDone, takeThenCancel } from './testing.js';

const SEED = 67;

describe('patterns/orDone', () => {
  it(`should forward every value in order and close when the input closes (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      expect(await collect(orDone(null, generator(null, 1, 2, 3)))).toEqual([1, 2, 3]);
    }, SEED);
  });

  for (const p of cancelPoints([0, 1, 3])) {
    it(`should leave no task when the consumer cancels ${p.label}, over a source it does not control (200 runs, seed ${SEED})`, async () => {
      await expectClean(async () => {
        const [done, cancel] = makeDone(p.kind);
        const sourceDone = chan<void>(); // the source is someone else's: it ignores our done
        const out = orDone(done, repeat(sourceDone, 7));
        expect(await takeThenCancel(out, p.k, cancel, p.stopFirst)).toEqual(Array<number>(p.k).fill(7));
        sourceDone.close();
      }, SEED);
    });
  }

  it(`should forward at most one value after done, then close, to a consumer that keeps reading (200 runs, seed ${SEED})`, async () => {
    const extras = new Set<number>();
    await expectClean(async () => {
      const [done, cancel] = makeDone('ctx');
      const sourceDone = chan<void>();
      const out = orDone(done, repeat(sourceDone, 1, 2));
      await out.recv();
      cancel();
      extras.add((await collect(out)).length);
      sourceDone.close();
    }, SEED);
    expect(Math.max(...extras)).toBeLessThanOrEqual(1);
  });

  it(`should stop on done while the input is silent, and on a nil input (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const [done, cancel] = makeDone('chan');
      const a = orDone(done, chan<number>());
      const b = orDone(done, null);
      cancel();
      expect(await collect(a)).toEqual([]);
      expect(await collect(b)).toEqual([]);
    }, SEED);
  });
});
