import { PctStrategy } from './pct.js';
import { RandomStrategy } from './random.js';
import type { IndexAddressable } from './capabilities.js';
import type { ChoicePoint, RunInfo } from './strategy.js';

/**
 * The default of `interleave check`: runs take turns among random and PCT of depths 2 and 3, so
 * shallow bugs (random finds them fast) and ordering bugs that need one or two preemptions at the
 * right step (PCT's strength) are both looked for. Deterministic for a seed: run r always goes to
 * the same member, with the same member-run number, whatever the timing.
 */
export class PortfolioStrategy implements IndexAddressable {
  readonly name = 'portfolio';
  readonly params: Readonly<Record<string, number>>;
  private readonly members: IndexAddressable[];
  private current: IndexAddressable;
  /** Runs that shape later ones: every member's calibration runs, interleaved as runs take turns. */
  readonly calibration: number;

  constructor(seed: number, runs: number, maxUnfairSteps = 1_000) {
    this.params = { seed };
    const each = Math.ceil(runs / 3);
    this.members = [
      new RandomStrategy(seed, each),
      new PctStrategy(seed, each, 2, maxUnfairSteps),
      new PctStrategy(seed, each, 3, maxUnfairSteps),
    ];
    this.current = this.members[0]!;
    this.calibration = this.members.length * Math.max(...this.members.map((m) => m.calibration));
  }

  beginRun(run: number): boolean {
    this.current = this.members[run % this.members.length]!;
    return this.current.beginRun(Math.floor(run / this.members.length));
  }

  choose(point: ChoicePoint): number {
    return this.current.choose(point);
  }

  endRun(info: RunInfo): void {
    this.current.endRun({ ...info, run: Math.floor(info.run / this.members.length) });
  }
}
