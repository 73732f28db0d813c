// Port of golang/go test/chan/sendstmt.go (chanchan): a select case whose channel operand is itself
// computed by a receive (`case <-cc <- 2:`) evaluates that operand on entry, then sends on it.
// (sendprec, `c <- false || true`, is a parser detail and is not ported.)
import { describe, expect, it } from 'vitest';
import { chan, explore, select, type Chan } from '../../src/index.js';
import { check, expectNoFindings } from './helpers.js';

const SEED = 12;
const RUNS = 20;

describe('sendstmt.go', () => {
  it(`chanchan: select { case <-cc <- 2: default: panic("nonblock") } (seed ${SEED})`, async () => {
    let checked = 0;
    const r = await explore(
      async () => {
        const cc = chan<Chan<number>>(1);
        const c = chan<number>(1);
        await cc.send(c);
        const s = await select([{ send: await cc.recv(), value: 2 }, { default: true }]);
        check(s.index === 0, 'nonblock');
        const v = await c.recv();
        check(v === 2, `<-c = ${v}, want 2`);
        checked++;
      },
      { runs: RUNS, seed: SEED },
    );
    expectNoFindings(r, SEED, RUNS);
    expect(checked).toBe(RUNS);
  });
});
