import { Rng } from '../base/rng.js';
import type { IndexAddressable } from './capabilities.js';
import type { ChoicePoint, RunInfo } from './strategy.js';

/**
 * Probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS 2010).
 * Each task gets a random priority, above `depth`, when first seen; the highest-priority runnable
 * task always runs; at `depth - 1` change points, drawn uniformly from the steps of a run, the task
 * about to run drops to a priority below all others (1, 2, ...). A bug of depth d (d ordering
 * constraints) is found in each run with probability at least 1/(n·k^(d−1)) for n tasks and k
 * steps; k is estimated from the first CALIBRATION_RUNS runs (the longest of them), then frozen, so
 * that every later run depends only on the seed, its index and those runs: an exploration can be
 * split among workers and machines (each replays the calibration runs) and still run the very same
 * schedules as one worker.
 *
 * Two adjustments keep it useful on real programs, as the fairness rule of DESIGN.md asks: a task
 * whose last operation was a spin (a yield_() or a select's default) drops to the bottom, or a
 * spin loop would starve the task it waits for; and after `maxUnfairSteps` steps choices are
 * uniform, so a run ends unless it really livelocks. Select cases and simultaneous timers are
 * chosen uniformly.
 */
/** k for the first run, before any run has been measured. */
const FIRST_GUESS = 100;
/** Runs whose lengths estimate k; runs from here on depend only on (seed, index) and these. */
export const CALIBRATION_RUNS = 8;

export class PctStrategy implements IndexAddressable {
  readonly name = 'pct';
  readonly params: Readonly<Record<string, number>>;
  readonly calibration = CALIBRATION_RUNS;
  private readonly rng: Rng;
  /** Estimated steps per run (k): the longest calibration run so far (0 before the first). */
  private k = 0;
  private readonly priorities = new Map<string, number>();
  private changePoints: number[] = [];
  private nextChange = 0;
  /** Priorities handed out to spinning tasks: below the change points' (1 … depth−1). */
  private low = 0;

  constructor(
    readonly seed: number,
    private readonly runs: number,
    readonly depth = 3,
    private readonly maxUnfairSteps = 1_000,
  ) {
    this.params = { seed, depth };
    this.rng = new Rng(seed, 0);
  }

  beginRun(run: number): boolean {
    if (run >= this.runs) return false;
    this.rng.reseed(this.seed, run);
    this.priorities.clear();
    this.low = 0;
    const k = this.k > 0 ? this.k : FIRST_GUESS;
    const points = new Set<number>();
    while (points.size < Math.min(this.depth - 1, k)) points.add(1 + this.rng.below(k));
    this.changePoints = [...points].sort((a, b) => a - b);
    this.nextChange = 0;
    return true;
  }

  choose(point: ChoicePoint): number {
    const options = point.options;
    if (point.kind !== 'task' || point.step >= this.maxUnfairSteps) return this.rng.below(options.length);
    let best = 0;
    let bestPriority = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < options.length; i++) {
      const o = options[i]!;
      let p = this.priorities.get(o.stableId);
      if (p === undefined) {
        // Initial priorities lie above every priority a change point can give (< depth).
        p = this.depth + this.rng.nextFloat() * 1e6;
        this.priorities.set(o.stableId, p);
      }
      if (o.spinning) {
        p = this.lowest();
        this.priorities.set(o.stableId, p);
      }
      if (p > bestPriority) {
        bestPriority = p;
        best = i;
      }
    }
    const step = point.step + 1;
    if (this.nextChange < this.changePoints.length && this.changePoints[this.nextChange]! <= step) {
      // Change point i (1-based): the task about to run is preempted, its priority drops to i,
      // below every initial priority, and the next-best task runs instead.
      this.priorities.set(options[best]!.stableId, ++this.nextChange);
      return this.choose(point);
    }
    return best;
  }

  /** A priority below every one handed out so far, change points' included (for spinning tasks). */
  private lowest(): number {
    return --this.low;
  }

  endRun(info: RunInfo): void {
    if (info.run < CALIBRATION_RUNS && info.steps > this.k) this.k = info.steps;
  }
}
