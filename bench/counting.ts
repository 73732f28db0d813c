/**
 * The random strategy, plus the steps of the last run (RunInfo.steps): the bench's exact step
 * counts come from the runtime's own count, not from a counter in the workload.
 */
import { RandomStrategy, type ChoicePoint, type Strategy } from '../src/index.js';

/** What endRun is told (the type is not exported by the package). */
type RunInfo = Parameters<Strategy['endRun']>[0];

export class CountingStrategy implements Strategy {
  readonly name = 'random';
  readonly params: Readonly<Record<string, number>>;
  /** Steps of the last run that ended. */
  steps = 0;
  private readonly inner: RandomStrategy;
  constructor(seed: number, runs: number) {
    this.inner = new RandomStrategy(seed, runs);
    this.params = this.inner.params;
  }
  beginRun(run: number): boolean {
    return this.inner.beginRun(run);
  }
  choose(point: ChoicePoint): number {
    return this.inner.choose(point);
  }
  endRun(info: RunInfo): void {
    this.steps = info.steps;
    this.inner.endRun(info);
  }
}
