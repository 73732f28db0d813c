import { explore, WaitReason } from 'interleave';
import { describe, expect, it } from 'vitest';
import { dump, siteOf } from './dump.js';
import { captureStdout } from './fmt.js';
import { repeatTake, takeIgnoresDone, takeIgnoresDoneDrain } from './repeat-take.js';

const SEED = 19;
/** take's `<-in`, the operand of `case out <- <-in:`, received before its select. */
const takeRecv = siteOf('repeat-take.ts', 'const v = await in_.recv();');

describe('examples/seed/repeat-take', () => {
  it(`should find nothing and output 1 2 3 1 2 (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(repeatTake);
    const r = await explore(program, { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
    expect(new Set(outputs)).toEqual(new Set(['1 2 3 1 2 ']));
  });

  it(`should find take leaked in a plain receive on its silent input after done closed (200 runs, seed ${SEED})`, async () => {
    const r = await explore(takeIgnoresDone, { runs: 200, seed: SEED, findAll: true });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.kind).toBe('leak');
    expect(f.message).toBe('leak: 1 task blocked forever after main returned');
    // `chan receive`, not `select`: Go evaluates `<-in` in `case out <- <-in:` before the select.
    expect(dump(f)).toEqual([`take blocked [${WaitReason.chanReceive}] ${takeRecv}`]);
  });

  it(`should find the deadlock when the consumer then waits for take to close out (200 runs, seed ${SEED})`, async () => {
    const r = await explore(takeIgnoresDoneDrain, { runs: 200, seed: SEED, findAll: true });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.kind).toBe('deadlock');
    expect(f.message).toBe('fatal error: all goroutines are asleep - deadlock!');
    expect(dump(f)).toEqual([
      `main blocked [${WaitReason.chanReceive}] ${siteOf('repeat-take.ts', 'for await (const v of out) {')}`,
      `take blocked [${WaitReason.chanReceive}] ${takeRecv}`,
    ]);
  });
});
