/**
 * Every scenario of the plain-async corpus (examples/async/corpus.ts): interleave finds the bug with
 * its default strategy and a fixed seed, and explores the fixed version clean; the fast-check
 * harness (bench/async-corpus-fc.ts) fails on the bug and passes the fix. No timing assertions:
 * speed is the benchmark's job.
 */
import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { corpus } from '../../examples/async/corpus.js';
import { fcCheck, fcHarnesses } from '../../bench/async-corpus-fc.js';

const SEED = 41;
const RUNS = 300;
const FC_RUNS = 200;

describe('the plain-async corpus under interleave', () => {
  for (const entry of corpus) {
    describe(entry.name, () => {
      it(`should find "${entry.message}" in the buggy version (${RUNS} runs, seed ${SEED})`, async () => {
        const r = await explore(entry.buggy, { runs: RUNS, seed: SEED });
        expect(r.findings).toHaveLength(1);
        expect(r.findings[0]!.kind).toBe('panic');
        expect(r.findings[0]!.message).toBe(entry.message);
      });

      it(`should explore the fixed version clean (${RUNS} runs, seed ${SEED})`, async () => {
        const r = await explore(entry.fixed, { runs: RUNS, seed: SEED });
        expect(r.findings).toEqual([]);
        expect(r.runs).toBe(RUNS);
      });
    });
  }
});

describe('the plain-async corpus under fast-check', () => {
  it('should have a fast-check harness for every scenario and no other', () => {
    expect(Object.keys(fcHarnesses).sort()).toEqual(corpus.map((e) => e.name).sort());
  });

  for (const entry of corpus) {
    describe(entry.name, () => {
      it(`should fail on the buggy version with the scenario's error (${FC_RUNS} runs, seed ${SEED})`, async () => {
        const r = await fcCheck(fcHarnesses[entry.name]!, false, { seed: SEED, numRuns: FC_RUNS });
        expect(r.failed).toBe(true);
        expect(r.errorInstance).toBeInstanceOf(Error);
        expect(`panic: ${(r.errorInstance as Error).message}`).toBe(entry.message);
      });

      it(`should pass the fixed version (${FC_RUNS} runs, seed ${SEED})`, async () => {
        const r = await fcCheck(fcHarnesses[entry.name]!, true, { seed: SEED, numRuns: FC_RUNS });
        expect(r.failed).toBe(false);
        expect(r.numRuns).toBe(FC_RUNS);
      });
    });
  }
});
