// Port of golang/go test/chan/select4.go: the assignment target of a receive case is evaluated only
// if that case is chosen, and the ready case is the one taken. In TypeScript the "left-hand side"
// is the code the caller runs for the chosen index.
import { describe, expect, it } from 'vitest';
import { chan, explore, select } from '../../src/index.js';
import { check, expectNoFindings } from './helpers.js';

const SEED = 4;
const RUNS = 50;

describe('select4.go', () => {
  it(`evaluates the receive target of the chosen case only (seed ${SEED})`, async () => {
    let fCalls = 0;
    const r = await explore(
      async () => {
        const x = { a: 0 };
        const y = { v: 0 };
        const f = (): { v: number } => {
          fCalls++; // Go: println("BUG: called f")
          return y;
        };
        const c = chan<number>(1);
        const c1 = chan<number>();
        await c.send(42);
        const s = await select([{ recv: c1 }, { recv: c }]);
        if (s.index === 0) f().v = s.value ?? 0;
        else {
          x.a = s.value ?? 0;
          check(x.a === 42, `BUG: select4 got ${x.a}`);
        }
        check(s.index === 1, `the unready case ${s.index} fired`);
      },
      { runs: RUNS, seed: SEED },
    );
    expectNoFindings(r, SEED, RUNS);
    expect(fCalls).toBe(0);
  });
});
