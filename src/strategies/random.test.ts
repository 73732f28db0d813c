import { describe, expect, it } from 'vitest';
import { points } from '../../test/fixtures/choice-points.js';
import { RandomStrategy } from './random.js';

/*
 * RandomStrategy's contract: a uniform choice at every point, and run r of seed s is always the
 * same schedule, whatever ran before it (runs are addressable by index: calibration 0).
 */

/** The choices of run `run` over `count` points of `n` options. */
function choicesOf(s: RandomStrategy, run: number, count = 50, n = 4): number[] {
  expect(s.beginRun(run)).toBe(true);
  return points(count, n).map((p) => s.choose(p));
}

describe('RandomStrategy', () => {
  it('should give the same choices for the same seed and run, in any instance and any order of runs', () => {
    const a = new RandomStrategy(7);
    const first = [0, 1, 2, 3].map((run) => choicesOf(a, run));
    const b = new RandomStrategy(7);
    expect(choicesOf(b, 3)).toEqual(first[3]);
    expect(choicesOf(b, 0)).toEqual(first[0]);
    expect(choicesOf(a, 1)).toEqual(first[1]); // again, after later runs
    expect(a.calibration).toBe(0);
  });

  it('should give other choices for another run or another seed', () => {
    const s = new RandomStrategy(7);
    const run0 = choicesOf(s, 0);
    expect(choicesOf(s, 1)).not.toEqual(run0);
    expect(choicesOf(new RandomStrategy(8), 0)).not.toEqual(run0);
  });

  it('should choose among the options offered, each about as often', () => {
    const counts = [0, 0, 0];
    const s = new RandomStrategy(3);
    for (let run = 0; run < 30; run++) for (const c of choicesOf(s, run, 100, 3)) counts[c]!++;
    expect(counts.reduce((a, b) => a + b)).toBe(3_000);
    for (const c of counts) expect(c).toBeGreaterThan(900); // 1,000 expected each
  });

  it('should take the only option of a single-option point', () => {
    const s = new RandomStrategy(1);
    expect(choicesOf(s, 0, 20, 1)).toEqual(new Array(20).fill(0));
  });

  it('should stop at its number of runs, and write its seed into traces', () => {
    const s = new RandomStrategy(5, 2);
    expect([0, 1, 2].map((run) => s.beginRun(run))).toEqual([true, true, false]);
    expect(new RandomStrategy(5).beginRun(1_000_000)).toBe(true);
    expect(s.name).toBe('random');
    expect(s.params).toEqual({ seed: 5 });
  });
});
