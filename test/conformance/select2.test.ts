// Smoke port of golang/go test/chan/select2.go. Go's assertion (the heap grows by at most 1.1e5
// bytes over 100,000 selects, measured with runtime.GC and ReadMemStats) has no counterpart here;
// what remains is that a receiver looping a 2-case select (one case never ready) takes every value
// of an unbuffered sender, twice over.
import { describe, expect, it } from 'vitest';
import { chan, explore, go, select } from '../../src/index.js';
import { check, expectNoFindings } from './helpers.js';

const N = 10_000; // Go: 100000, twice
const SEED = 52;

describe('select2.go (smoke)', () => {
  it(`${N} two-case selects receive every value, twice (seed ${SEED})`, async () => {
    let checked = 0;
    const r = await explore(
      async () => {
        const c = chan<number>();
        const dummy = chan<number>();
        for (let round = 0; round < 2; round++) {
          go(async () => {
            for (let i = 0; i < N; i++) await c.send(1);
          }, 'sender');
          for (let i = 0; i < N; i++) {
            const s = await select([{ recv: c }, { recv: dummy }]);
            check(s.index === 0, 'dummy');
          }
        }
        checked++;
      },
      { runs: 2, seed: SEED, maxSteps: 10 * N },
    );
    expectNoFindings(r, SEED, 2);
    expect(checked).toBe(2);
  });
});
