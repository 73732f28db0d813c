// Port of golang/go test/chan/doubleselect.go: one select execution commits exactly one case even
// when several of its channels have parked receivers, so no value is delivered twice.
import { describe, expect, it } from 'vitest';
import { chan, close, explore, go, select, type Chan } from '../../src/index.js';
import { check, expectNoFindings } from './helpers.js';

const N = 5_000; // Go: -n 100000 iterations, scaled down
const SEED = 15;
const RUNS = 5;

describe('doubleselect.go', () => {
  it(`${N} four-way select sends through four muxes: no duplicates (seed ${SEED})`, async () => {
    let checked = 0;
    const r = await explore(
      async () => {
        const cs = [chan<number>(), chan<number>(), chan<number>(), chan<number>()] as const;
        const done = chan<boolean>();
        const cmux = chan<number>();
        go(async () => {
          try {
            for (let i = 0; i < N; i++) {
              await select([
                { send: cs[0], value: i },
                { send: cs[1], value: i },
                { send: cs[2], value: i },
                { send: cs[3], value: i },
              ]);
            }
          } finally {
            for (let k = 3; k >= 0; k--) close(cs[k]); // Go's deferred closes run in reverse
          }
        }, 'sender');
        const mux = async (out: Chan<number>, inp: Chan<number>) => {
          for await (const v of inp) await out.send(v);
          await done.send(true);
        };
        for (const c of cs) go(() => mux(cmux, c), 'mux');
        go(async () => {
          for (let k = 0; k < 4; k++) await done.recv();
          close(cmux);
        }, 'closer');
        const seen = new Set<number>();
        for await (const v of cmux) {
          check(!seen.has(v), `got duplicate value: ${v}`);
          seen.add(v);
        }
        check(seen.size === N, `received ${seen.size} values, want ${N}`);
        checked++;
      },
      { runs: RUNS, seed: SEED, maxSteps: 20 * N },
    );
    expectNoFindings(r, SEED, RUNS);
    expect(checked).toBe(RUNS);
  });
});
