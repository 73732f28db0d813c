import { Rng } from '../base/rng.js';
import type { IndexAddressable } from './capabilities.js';
import type { ChoicePoint, RunInfo } from './strategy.js';

/** Uniform random choice at every point; run `r` of seed `s` is always the same schedule. */
export class RandomStrategy implements IndexAddressable {
  readonly name = 'random';
  readonly params: Readonly<Record<string, number>>;
  readonly calibration = 0;
  private rng: Rng;

  constructor(
    readonly seed: number,
    private readonly runs: number = Number.POSITIVE_INFINITY,
  ) {
    this.params = { seed };
    this.rng = new Rng(seed, 0);
  }

  beginRun(run: number): boolean {
    if (run >= this.runs) return false;
    this.rng.reseed(this.seed, run);
    return true;
  }

  choose(point: ChoicePoint): number {
    return this.rng.below(point.options.length);
  }

  endRun(_info: RunInfo): void {}
}
