// Port of golang/go test/chan/select8.go: `break` inside a select case leaves the select. Mostly a
// compiler test in Go; here the case body is the caller's `switch` on the index, and the checks are
// that the expected case fires and nothing after the `break` runs. Go's background sender
// (`for { ch <- 5 }`) stays parked when main returns, which interleave reports as the only leak.
import { describe, expect, it } from 'vitest';
import { chan, explore, go, select, WaitReason, type SelectCase } from '../../src/index.js';
import { check, expectOnlyParkedLeak } from './helpers.js';

const SEED = 8;
const RUNS = 100;

describe('select8.go', () => {
  it(`break leaves 1-case, default-only, case+default and 2-case+default selects (seed ${SEED})`, async () => {
    let completed = 0;
    const r = await explore(
      async () => {
        const ch = chan<number>();
        go(async () => {
          for (;;) await ch.send(5);
        }, 'sender');
        let after = 0;
        const s1 = await select([{ recv: ch }]);
        switch (s1.index) {
          case 0:
            check(s1.value === 5, `got ${s1.value}`);
            break;
        }
        const s2 = await select([{ default: true }]);
        switch (s2.index) {
          case 0:
            break;
        }
        // Let the sender park on ch again so the next select's case can be ready.
        const s3 = await select([{ recv: ch }]);
        switch (s3.index) {
          case 0:
            break;
        }
        const armSets: SelectCase[][] = [
          [{ recv: ch }, { default: true }],
          [{ recv: ch }, { recv: ch }, { default: true }],
        ];
        for (const cases of armSets) {
          const s = await select(cases);
          switch (s.index) {
            case cases.length - 1:
              // The sender may not have parked again yet: default is legal, and break leaves it too.
              break;
            default:
              check(s.value === 5, `got ${s.value}`);
              break;
          }
          after++;
        }
        check(after === 2, 'break left the loop instead of the select');
        completed++;
      },
      { runs: RUNS, seed: SEED, findAll: true },
    );
    expectOnlyParkedLeak(r, SEED, 1, [WaitReason.chanSend]);
    expect(r.runs).toBe(RUNS);
    // A run that ends in a finding is executed again to record and check its replay.
    expect(completed).toBeGreaterThanOrEqual(RUNS);
  });
});
