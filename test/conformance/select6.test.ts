// Port of golang/go test/chan/select6.go (issue 2075): a select that was woken through c2 must leave
// c1's receive queue, so that the two later sends on c1 find the two real receivers.
import { describe, expect, it } from 'vitest';
import { chan, explore, go, select } from '../../src/index.js';
import { expectNoFindings } from './helpers.js';

const SEED = 6;
const RUNS = 500;

describe('select6.go', () => {
  it(`a select waiter that lost on c1 is removed from c1's queue (seed ${SEED})`, async () => {
    let completed = 0;
    const r = await explore(
      async () => {
        const c1 = chan<boolean>();
        const c2 = chan<boolean>();
        const c3 = chan<boolean>();
        go(() => c1.recv(), 'g1');
        go(async () => {
          const s = await select([{ recv: c1 }, { recv: c2 }]);
          if (s.index === 0) throw new Error('dummy');
          await c3.send(true);
          await c1.recv();
        }, 'g2');
        go(() => c2.send(true), 'g3');
        await c3.recv();
        await c1.send(true);
        await c1.send(true);
        completed++;
      },
      { runs: RUNS, seed: SEED },
    );
    expectNoFindings(r, SEED, RUNS);
    expect(completed).toBe(RUNS);
  });
});
