import type { ChoicePoint, RunInfo, Strategy } from './strategy.js';

/**
 * A schedule given as data, for property tests (fast-check generates and shrinks it): each integer
 * is read modulo the number of options at its choice point (0: the lowest id); past the end, the
 * current task goes on if it can run, else the lowest id. Every array is a valid schedule, and
 * shrinking toward shorter arrays removes preemptions: the tail continues the running task.
 */
export class ScriptedStrategy implements Strategy {
  readonly name = 'scripted';
  readonly params = {};
  private pos = 0;

  constructor(private readonly script: readonly number[]) {}

  beginRun(run: number): boolean {
    this.pos = 0;
    return run === 0;
  }

  choose(point: ChoicePoint): number {
    const options = point.options;
    if (this.pos < this.script.length) {
      const v = this.script[this.pos++]!;
      return ((Math.trunc(v) % options.length) + options.length) % options.length;
    }
    if (point.kind === 'task') {
      for (let i = 0; i < options.length; i++) if (options[i]!.task === point.last) return i;
    }
    return 0;
  }

  endRun(_info: RunInfo): void {}
}
