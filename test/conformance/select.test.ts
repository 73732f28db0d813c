// Port of golang/go test/chan/select.go: every case's send-value expression is evaluated on every
// select execution (also for nil-channel cases), a nil case is never chosen, default never blocks.
import { describe, expect, it } from 'vitest';
import { chan, explore, select, type MaybeChan } from '../../src/index.js';
import { check, expectNoFindings } from './helpers.js';

const SEED = 3;
const RUNS = 100;

describe('select.go', () => {
  it(`evaluates every send value on every execution: counter == 10 (seed ${SEED})`, async () => {
    let checked = 0;
    const r = await explore(
      async () => {
        let counter = 0;
        let shift = 0;
        const getValue = (): number => {
          counter++;
          return 1 << shift;
        };
        const sendAll = async (a: MaybeChan<number>, b: MaybeChan<number>): Promise<number> => {
          let i = 0;
          for (;;) {
            const s = await select([
              { send: a, value: getValue() },
              { send: b, value: getValue() },
              { default: true },
            ]);
            if (s.index === 2) break;
            i++;
            if (s.index === 0) a = null;
            else b = null;
            shift++;
          }
          return i;
        };
        const a = chan<number>(1);
        const b = chan<number>(1);
        const v1 = await sendAll(a, b);
        check(v1 === 2, `Send(a, b) = ${v1}, want 2`);
        const v2 = (await a.recv())! | (await b.recv())!;
        check(v2 === 3, `<-a | <-b = ${v2}, want 3`);
        const v3 = await sendAll(a, null);
        check(v3 === 1, `Send(a, nil) = ${v3}, want 1`);
        check(counter === 10, `counter = ${counter}, want 10`);
        checked++;
      },
      { runs: RUNS, seed: SEED },
    );
    expectNoFindings(r, SEED, RUNS);
    expect(checked).toBe(RUNS);
  });
});
