import { describe, expect, it } from 'vitest';
import { chan, go, type Chan } from '../core.js';
import { bridge } from './bridge.js';
import { doneOf, sendOrDone, type Done } from './done.js';
import { collect, generator } from './pipeline.js';
import { cancelPoints, expectClean, makeDone, takeThenCancel } from './testing.js';

const SEED = 59;

/** A stream of `n` channels, each made by a generator of two values, sent by a task honouring done. */
function streams(done: Done, n: number): Chan<Chan<number>> {
  const chanStream = chan<Chan<number>>();
  go(async () => {
    try {
      for (let i = 0; i < n; i++) {
        if (!(await sendOrDone(doneOf(done), chanStream, generator(done, 2 * i, 2 * i + 1)))) return;
      }
    } finally {
      chanStream.close();
    }
  }, 'streams');
  return chanStream;
}

describe('patterns/bridge', () => {
  it(`should flatten a stream of channels in order (200 runs, seed ${SEED})`, async () => {
    const outputs = new Set<string>();
    await expectClean(async () => {
      const [done, cancel] = makeDone('ctx');
      outputs.add(JSON.stringify(await collect(bridge(done, streams(done, 3)))));
      cancel();
    }, SEED);
    expect([...outputs]).toEqual(['[0,1,2,3,4,5]']);
  });

  it(`should skip empty inner channels and close on an empty stream (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const s = chan<Chan<string>>(3);
      const empty = chan<string>();
      empty.close();
      await s.send(empty);
      await s.send(generator(null, 'a'));
      await s.send(empty);
      s.close();
      expect(await collect(bridge(null, s))).toEqual(['a']);
    }, SEED);
  });

  for (const p of cancelPoints([0, 1, 2, 3, 5])) {
    it(`should leave no task when the consumer cancels ${p.label} (200 runs, seed ${SEED})`, async () => {
      await expectClean(async () => {
        const [done, cancel] = makeDone(p.kind);
        const got = await takeThenCancel(bridge(done, streams(done, 4)), p.k, cancel, p.stopFirst);
        expect(got).toEqual([0, 1, 2, 3, 4, 5].slice(0, p.k));
      }, SEED);
    });
  }
});
