// Port of golang/go test/chan/goroutines.go: a chain of n tasks `left <- <-right`, fed at the far
// end; the value reaches main, and every task is created, chained and finished.
import { describe, expect, it } from 'vitest';
import { chan, explore, go, numTasks, type Chan } from '../../src/index.js';
import { check, expectNoFindings } from './helpers.js';

const N = 10_000; // Go: n = 10000 (same)
const SEED = 14;
const RUNS = 2;

async function f(left: Chan<number>, right: Chan<number>): Promise<void> {
  await left.send((await right.recv())!);
}

describe('goroutines.go', () => {
  it(`a chain of ${N} tasks passes the value to main (seed ${SEED})`, async () => {
    let checked = 0;
    const r = await explore(
      async () => {
        const leftmost = chan<number>();
        let right = leftmost;
        let left = leftmost;
        for (let i = 0; i < N; i++) {
          right = chan<number>();
          const l = left;
          const rr = right;
          go(() => f(l, rr), 'f');
          left = right;
        }
        const last = right;
        go(() => last.send(1), 'feed');
        check(numTasks() === N + 2, `numTasks() = ${numTasks()}`);
        const v = await leftmost.recv();
        check(v === 1, `got ${v}`);
        checked++;
      },
      { runs: RUNS, seed: SEED, maxSteps: 20 * N },
    );
    expectNoFindings(r, SEED, RUNS);
    expect(checked).toBe(RUNS);
  });
});
