import { describe, expect, it } from 'vitest';
import { points } from '../../test/fixtures/choice-points.js';
import { CALIBRATION_RUNS, PctStrategy } from './pct.js';
import { PortfolioStrategy } from './portfolio.js';
import { RandomStrategy } from './random.js';
import type { Strategy } from './strategy.js';

/*
 * PortfolioStrategy's contract: run r goes to member r % 3 (random, PCT depth 2, PCT depth 3) as
 * that member's run ⌊r / 3⌋, so an exploration is deterministic for its seed and run index.
 */

/** The choices of run `run` over 40 points of 3 options, ending it as a run of `steps` steps. */
function choicesOf(s: Strategy, run: number, steps = 40): number[] {
  expect(s.beginRun(run)).toBe(true);
  const out = points(40, 3).map((p) => s.choose(p));
  s.endRun({ run, steps, choices: out, failed: false });
  return out;
}

describe('PortfolioStrategy', () => {
  it('should give run r to member r % 3 as its run r / 3: random, then PCT of depth 2, then 3', () => {
    const seed = 11;
    const runs = 30;
    const portfolio = new PortfolioStrategy(seed, runs);
    const each = Math.ceil(runs / 3);
    const members: Strategy[] = [
      new RandomStrategy(seed, each),
      new PctStrategy(seed, each, 2),
      new PctStrategy(seed, each, 3),
    ];
    const got: number[][] = [];
    for (let run = 0; run < 6; run++) {
      const member = members[run % 3]!;
      got.push(choicesOf(portfolio, run));
      expect(got[run], `run ${run}`).toEqual(choicesOf(member, Math.floor(run / 3)));
    }
    expect(got[1]).not.toEqual(got[0]); // the members do differ: PCT keeps to its priorities
  });

  it('should be deterministic for a seed: two portfolios give the same choices run for run', () => {
    const a = new PortfolioStrategy(4, 60);
    const b = new PortfolioStrategy(4, 60);
    for (let run = 0; run < 12; run++) expect(choicesOf(a, run)).toEqual(choicesOf(b, run));
    const c = new PortfolioStrategy(5, 60);
    expect(choicesOf(new PortfolioStrategy(4, 60), 0)).not.toEqual(choicesOf(c, 0));
  });

  it("should depend past its calibration only on the seed, the run index and the members' calibration runs", () => {
    const whole = new PortfolioStrategy(2, 90);
    expect(whole.calibration).toBe(3 * CALIBRATION_RUNS);
    const calibrate = (s: Strategy): void => {
      for (let run = 0; run < 3 * CALIBRATION_RUNS; run++) choicesOf(s, run, 10 + run);
    };
    calibrate(whole);
    const later = [24, 25, 26, 27, 28, 29].map((run) => choicesOf(whole, run));
    // A part that skips from the calibration runs straight to run 28 gets the same schedule.
    const part = new PortfolioStrategy(2, 90);
    calibrate(part);
    expect(choicesOf(part, 28)).toEqual(later[4]);
  });

  it('should stop when its members run out: each gets a third of the runs, rounded up', () => {
    const s = new PortfolioStrategy(1, 7); // 3 runs each: runs 0 … 8
    expect(s.beginRun(8)).toBe(true);
    expect(s.beginRun(9)).toBe(false);
    expect(s.name).toBe('portfolio');
    expect(s.params).toEqual({ seed: 1 });
  });
});
