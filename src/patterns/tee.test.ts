import { describe, expect, it } from 'vitest';
import { chan, go, select, WaitGroup, type Chan } from '../core.js';
import { tee as seedTee } from '../../examples/seed/tee.js';
import { collect, generator } from './pipeline.js';
import { tee, teeN } from './tee.js';
import { cancelPoints, expectClean, findingsOf, makeDone } from './testing.js';

const SEED = 53;

describe('patterns/tee', () => {
  it(`should deliver every value exactly once to each output, in order, read by separate tasks (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const outs = teeN(null, generator(null, 1, 2, 3, 4), 3);
      const got: number[][] = [];
      const wg = new WaitGroup();
      wg.add(outs.length);
      outs.forEach((out, i) =>
        go(async () => {
          got[i] = await collect(out);
          wg.done();
        }),
      );
      await wg.wait();
      expect(got).toEqual([
        [1, 2, 3, 4],
        [1, 2, 3, 4],
        [1, 2, 3, 4],
      ]);
    }, SEED);
  });

  it(`should let tee's consumer read the two outputs in lockstep, and teeN(0) close at once (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const [c1, c2] = tee(null, generator(null, 'x', 'y'));
      const pairs: string[] = [];
      for await (const a of c1) pairs.push(`${a}${await c2.recv()}`);
      expect(pairs).toEqual(['xx', 'yy']);
      expect(await c2.recvOk()).toEqual([undefined, false]);
      const [done, cancel] = makeDone('ctx');
      expect(teeN(done, generator(done, 1), 0)).toEqual([]);
      cancel();
    }, SEED);
  });

  for (const p of cancelPoints([0, 1, 2, 3])) {
    it(`should leave no task when the consumer cancels ${p.label} read in lockstep, or after reading only c1 (200 runs, seed ${SEED})`, async () => {
      await expectClean(async () => {
        const [done, cancel] = makeDone(p.kind);
        const [c1, c2] = tee(done, generator(done, 0, 1, 2, 3, 4));
        for (let i = 0; i < p.k; i++) {
          expect(await c1.recv()).toBe(i);
          expect(await c2.recv()).toBe(i);
        }
        if (p.stopFirst) await c1.recv(); // tee now owes this value to c2, which nobody reads
        cancel();
      }, SEED);
    });
  }

  it(`should leave no task when the consumer cancels while tee owes c2 a value; the seed's tee leaks there (200 runs, seed ${SEED})`, async () => {
    // The seed's scenario `teeCancel`: read c1 and c2 in lockstep, then close done after `c1: 1`.
    const scenario =
      (t: (done: Chan<void>, input: Chan<number>) => [Chan<number>, Chan<number>]) => async () => {
        const done = chan<void>();
        const in_ = chan<number>();
        go(async () => {
          try {
            for (let i = 0; i < 5; i++) {
              const r = await select([{ recv: done }, { send: in_, value: i }]);
              if (r.index === 0) return;
            }
          } finally {
            in_.close();
          }
        }, 'generator');
        const [c1, c2] = t(done, in_);
        for (;;) {
          const [x, ok] = await c1.recvOk();
          if (!ok) break;
          if (x === 1) {
            done.close();
            break;
          }
          await c2.recv();
        }
      };
    expect(await findingsOf(scenario(seedTee), SEED)).toEqual([
      'leak: leak: 1 task blocked forever after main returned (tee blocked [select])',
    ]);
    await expectClean(scenario(tee), SEED);
  });
});
