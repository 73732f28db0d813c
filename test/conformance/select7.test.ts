// Port of golang/go test/chan/select7.go: a receive whose value is discarded works for every
// combination of {plain receive, 1-case select, 2-case select} × {plain send, 1-case select,
// 2-case select}, with the receiver parked first (Go: runtime.Gosched, here yield_).
import { describe, expect, it } from 'vitest';
import { chan, explore, go, select, yield_, type Chan } from '../../src/index.js';
import { expectNoFindings } from './helpers.js';

const SEED = 7;
const RUNS = 100;

type Recv = (c: Chan<number>) => Promise<unknown>;
type Send = (recv: Recv) => Promise<void>;

const recv1: Recv = (c) => c.recv();
const recv2: Recv = (c) => select([{ recv: c }]);
const recv3: Recv = (c) => {
  const c2 = chan<number>(); // never ready
  return select([{ recv: c }, { recv: c2 }]);
};

const send1: Send = async (recv) => {
  const c = chan<number>();
  go(() => recv(c), 'recv');
  await yield_();
  await c.send(1);
};
const send2: Send = async (recv) => {
  const c = chan<number>();
  go(() => recv(c), 'recv');
  await yield_();
  await select([{ send: c, value: 1 }]);
};
const send3: Send = async (recv) => {
  const c = chan<number>();
  go(() => recv(c), 'recv');
  await yield_();
  const c2 = chan<number>(); // never ready
  await select([
    { send: c, value: 1 },
    { send: c2, value: 1 },
  ]);
};

const recvs = { recv1, recv2, recv3 };
const sends = { send1, send2, send3 };

describe('select7.go', () => {
  for (const [sn, s] of Object.entries(sends)) {
    for (const [rn, rv] of Object.entries(recvs)) {
      it(`${sn}(${rn}) completes (seed ${SEED})`, async () => {
        let completed = 0;
        const r = await explore(
          async () => {
            await s(rv);
            completed++;
          },
          { runs: RUNS, seed: SEED },
        );
        expectNoFindings(r, SEED, RUNS);
        expect(completed).toBe(RUNS);
      });
    }
  }
});
