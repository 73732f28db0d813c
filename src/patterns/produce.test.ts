import { describe, expect, it } from 'vitest';
import { yield_ } from '../core.js';
import { collect } from './pipeline.js';
import { produce } from './produce.js';
import { cancelPoints, expectClean, makeDone, takeThenCancel } from './testing.js';

const SEED = 43;

describe('patterns/produce', () => {
  it(`should confine writes to one owner: 0..4 through a buffer of 5, then closed (200 runs, seed ${SEED})`, async () => {
    const outputs = new Set<string>();
    await expectClean(async () => {
      outputs.add(JSON.stringify(await collect(produce(null, [0, 1, 2, 3, 4], 5))));
    }, SEED);
    expect([...outputs]).toEqual(['[0,1,2,3,4]']);
  });

  it(`should produce from a generator function and an async iterable (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      expect(
        await collect(
          produce(null, function* () {
            for (let i = 0; i < 3; i++) yield i;
          }),
        ),
      ).toEqual([0, 1, 2]);
      async function* ticks(): AsyncGenerator<string> {
        for (const s of ['a', 'b']) {
          await yield_();
          yield s;
        }
      }
      expect(await collect(produce(null, ticks))).toEqual(['a', 'b']);
    }, SEED);
  });

  for (const p of cancelPoints([0, 1, 3])) {
    for (const buffer of [0, 2]) {
      it(`should stop an endless source when the consumer cancels ${p.label}, buffer ${buffer} (200 runs, seed ${SEED})`, async () => {
        await expectClean(async () => {
          const [done, cancel] = makeDone(p.kind);
          let finished = false;
          const naturals = function* (): Generator<number> {
            try {
              for (let i = 0; ; i++) yield i;
            } finally {
              finished = true; // the owner stops iterating: the generator is returned
            }
          };
          const out = produce(done, naturals, buffer);
          expect(await takeThenCancel(out, p.k, cancel, p.stopFirst)).toEqual([0, 1, 2].slice(0, p.k));
          await collect(out); // closed once the owner sees done
          expect(finished).toBe(true);
        }, SEED);
      });
    }
  }
});
