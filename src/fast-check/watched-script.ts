import { ScriptedStrategy, type ChoicePoint, type Strategy } from '../core.js';
import type { RunInfo } from '../strategies/strategy.js';

/**
 * ScriptedStrategy, watched: it also notes how many options each choice point of the run had, so
 * that the schedule can be rewritten in its canonical form (each choice as the index it picked,
 * choices the run never read dropped), the first thing fast-check tries when it shrinks it.
 */
export class WatchedScript implements Strategy {
  readonly name = 'scripted';
  readonly params = {};
  private readonly script: ScriptedStrategy;
  private counts: number[] = [];
  private open = false;

  constructor(choices: readonly number[]) {
    this.script = new ScriptedStrategy(choices);
  }

  /** The number of options at each choice point of the last run, in order. */
  get optionCounts(): readonly number[] {
    return this.counts;
  }

  beginRun(run: number): boolean {
    // A run may begin again (compat 'auto' runs the schedule again): the last one counts.
    this.counts = [];
    this.open = true;
    return this.script.beginRun(run);
  }

  choose(point: ChoicePoint): number {
    if (this.open) this.counts.push(point.options.length);
    return this.script.choose(point);
  }

  endRun(info: RunInfo): void {
    this.open = false;
    this.script.endRun(info);
  }
}
