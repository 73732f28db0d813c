// Port of golang/go test/chan/fifo.go: values come out of a channel in the order they went in.
import { describe, expect, it } from 'vitest';
import { chan, explore, go, type Chan } from '../../src/index.js';
import { check, expectNoFindings } from './helpers.js';

const N = 10; // Go: N = 10
const SEED = 1;

describe('fifo.go', () => {
  it(`AsynchFifo: a buffered channel of ${N} returns 0..${N - 1} in order (seed ${SEED})`, async () => {
    const r = await explore(
      async () => {
        const ch = chan<number>(N);
        for (let i = 0; i < N; i++) await ch.send(i);
        for (let i = 0; i < N; i++) {
          const v = await ch.recv();
          check(v === i, `bad receive: got ${v}, want ${i}`);
        }
      },
      { runs: 20, seed: SEED },
    );
    expectNoFindings(r, SEED, 20);
  });

  it(`SynchFifo: receivers serialised by a token chain get 0..${N - 1} in order (seed ${SEED})`, async () => {
    let completed = 0;
    const RUNS = 300;
    const r = await explore(
      async () => {
        // Chain(ch, val, in, out): wait for the token, receive from ch (must be val), pass the token on.
        const link = async (ch: Chan<number>, val: number, inp: Chan<number>, out: Chan<number>) => {
          await inp.recv();
          const v = await ch.recv();
          check(v === val, `panic(${val}): got ${v}`);
          await out.send(1);
        };
        const ch = chan<number>();
        const start = chan<number>();
        let inp = start;
        for (let i = 0; i < N; i++) {
          const out = chan<number>();
          const from = inp; // Go passes `in` by value; a JS closure would see later assignments.
          go(() => link(ch, i, from, out), 'Chain');
          inp = out;
        }
        await start.send(0);
        for (let i = 0; i < N; i++) await ch.send(i);
        await inp.recv();
        completed++;
      },
      { runs: RUNS, seed: SEED },
    );
    expectNoFindings(r, SEED, RUNS);
    expect(completed).toBe(RUNS);
  });
});
