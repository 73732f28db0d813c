import { describe, expect, it } from 'vitest';
import { chan } from '../core.js';
import { collect, filter, generator, map } from './pipeline.js';
import { cancelPoints, expectClean, makeDone, takeThenCancel } from './testing.js';

const SEED = 41;

describe('patterns/pipeline', () => {
  it(`should run gen -> sq -> sq to 16, 81 and leave no task (200 runs, seed ${SEED})`, async () => {
    const outputs = new Set<string>();
    await expectClean(async () => {
      const sq = (x: number): number => x * x;
      outputs.add(JSON.stringify(await collect(map(null, map(null, generator(null, 2, 3), sq), sq))));
    }, SEED);
    expect([...outputs]).toEqual(['[16,81]']);
  });

  it(`should keep order through filter and an async map (200 runs, seed ${SEED})`, async () => {
    const outputs = new Set<string>();
    await expectClean(async () => {
      const [done, cancel] = makeDone('ctx');
      const evens = filter(done, generator(done, 1, 2, 3, 4, 5, 6), (x) => x % 2 === 0);
      const labelled = map(done, evens, async (x) => `#${x}`);
      outputs.add(JSON.stringify(await collect(labelled)));
      cancel();
    }, SEED);
    expect([...outputs]).toEqual(['["#2","#4","#6"]']);
  });

  it(`should close every stage when a nil input is canceled (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const done = chan<void>();
      const out = filter(
        done,
        map(done, null, (x: number) => x),
        () => true,
      );
      done.close();
      expect(await collect(out)).toEqual([]);
    }, SEED);
  });

  for (const p of cancelPoints([0, 1, 2, 3])) {
    it(`should leave no task when the consumer cancels ${p.label} (200 runs, seed ${SEED})`, async () => {
      await expectClean(async () => {
        const [done, cancel] = makeDone(p.kind);
        const evens = filter(done, generator(done, 1, 2, 3, 4, 5, 6, 7, 8), (x) => x % 2 === 0);
        const out = map(done, evens, (x) => x * 10);
        expect(await takeThenCancel(out, p.k, cancel, p.stopFirst)).toEqual([20, 40, 60, 80].slice(0, p.k));
      }, SEED);
    });
  }

  it(`should deliver at most one value after done fires to a consumer that keeps receiving (200 runs, seed ${SEED})`, async () => {
    const extras = new Set<number>();
    await expectClean(async () => {
      const [done, cancel] = makeDone('chan');
      const out = map(done, generator(done, 1, 2, 3, 4, 5, 6, 7, 8), (x) => x);
      await out.recv();
      cancel();
      extras.add((await collect(out)).length);
    }, SEED);
    expect(Math.max(...extras)).toBeLessThanOrEqual(1);
  });
});
