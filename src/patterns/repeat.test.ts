import { describe, expect, it } from 'vitest';
import { chan, type Chan } from '../core.js';
import { repeat as seedRepeat, take as seedTake } from '../../examples/seed/repeat-take.js';
import { collect } from './pipeline.js';
import { repeat, repeatFn, take } from './repeat.js';
import { DONE_KINDS, expectClean, findingsOf, makeDone, takeThenCancel } from './testing.js';

const SEED = 31;

describe('patterns/repeat', () => {
  it(`should take exactly n values of repeat, then stop repeat (200 runs, seed ${SEED})`, async () => {
    const outputs = new Set<string>();
    await expectClean(async () => {
      const [done, cancel] = makeDone('ctx');
      try {
        outputs.add(JSON.stringify(await collect(take(done, repeat(done, 1, 2, 3), 5))));
      } finally {
        cancel();
      }
    }, SEED);
    expect([...outputs]).toEqual(['[1,2,3,1,2]']);
  });

  it(`should produce fn() repeatedly with repeatFn and take n of them (200 runs, seed ${SEED})`, async () => {
    const outputs = new Set<string>();
    await expectClean(async () => {
      const [done, cancel] = makeDone('chan');
      let i = 0;
      outputs.add(
        JSON.stringify(
          await collect(
            take(
              done,
              repeatFn(done, () => i++),
              4,
            ),
          ),
        ),
      );
      cancel();
    }, SEED);
    expect([...outputs]).toEqual(['[0,1,2,3]']);
  });

  it(`should close at once when repeat has no values, and take fewer when the input closes (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      expect(await collect(take(null, repeat<number>(null), 3))).toEqual([]);
      const src = chan<number>(2);
      await src.send(7);
      src.close();
      expect(await collect(take(null, src, 3))).toEqual([7]);
      const [done, cancel] = makeDone('ctx');
      expect(await collect(take(done, repeat(done, 1), 0))).toEqual([]);
      cancel();
    }, SEED);
  });

  for (const kind of DONE_KINDS) {
    for (const stopFirst of [false, true]) {
      for (const k of [0, 1, 2, 4]) {
        it(`should leave no task when the consumer cancels (${kind}) after ${k} values${stopFirst ? ', having stopped receiving' : ''} (200 runs, seed ${SEED})`, async () => {
          await expectClean(async () => {
            const [done, cancel] = makeDone(kind);
            const got = await takeThenCancel(take(done, repeat(done, 'a', 'b'), 6), k, cancel, stopFirst);
            expect(got).toEqual(['a', 'b', 'a', 'b', 'a', 'b'].slice(0, k));
            const [done2, cancel2] = makeDone(kind);
            const ones = await takeThenCancel(
              repeatFn(done2, () => 1),
              k,
              cancel2,
              stopFirst,
            );
            expect(ones).toEqual(Array<number>(k).fill(1));
          }, SEED);
        });
      }
    }
  }

  it(`should stop take blocked on a silent input when done fires; the seed's take leaks there (200 runs, seed ${SEED})`, async () => {
    // The seed's scenario `takeIgnoresDone`: the consumer gives up while take's input is silent.
    const scenario =
      (takeFn: (done: Chan<void>, input: Chan<number>, n: number) => Chan<number>) => async () => {
        const done = chan<void>();
        const silent = chan<number>();
        const out = takeFn(done, silent, 3);
        await takeThenCancel(out, 0, () => done.close(), true);
      };
    expect(await findingsOf(scenario(seedTake), SEED)).toEqual([
      'leak: leak: 1 task blocked forever after main returned (take blocked [chan receive])',
    ]);
    await expectClean(scenario(take), SEED);
    // And its deadlock form: the consumer cancels, then waits for out to close.
    const drain =
      (takeFn: (done: Chan<void>, input: Chan<number>, n: number) => Chan<number>) => async () => {
        const done = chan<void>();
        const out = takeFn(done, chan<number>(), 3);
        done.close();
        expect(await collect(out)).toEqual([]);
      };
    expect(await findingsOf(drain(seedTake), SEED)).toEqual([
      'deadlock: fatal error: all goroutines are asleep - deadlock! (main blocked [chan receive], take blocked [chan receive])',
    ]);
    await expectClean(drain(take), SEED);
    // The seed's repeat is correct: with its own take and a cancel after 2 values, nothing leaks.
    await expectClean(async () => {
      const done = chan<void>();
      await takeThenCancel(seedTake(done, seedRepeat(done, 1, 2, 3), 5), 2, () => done.close(), true);
    }, SEED);
  });
});
