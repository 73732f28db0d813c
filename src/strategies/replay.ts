import { InterleaveError } from '../base/errors.js';
import type { ChoiceKind, ChoicePoint, RunInfo, StableId, Strategy } from './strategy.js';

/** One recorded decision, as it appears in a trace. */
export interface RecordedChoice {
  readonly step: number;
  readonly kind: ChoiceKind;
  readonly id: StableId;
}

/** Where a replay stopped fitting the program: the step, what the trace expected, what was there. */
export class ReplayDivergence extends InterleaveError {
  constructor(
    readonly step: number,
    readonly index: number,
    readonly expected: RecordedChoice,
    readonly actual: readonly StableId[],
  ) {
    super(
      `replay diverged at step ${step} (choice ${index + 1}): the trace expected ${expected.kind} ` +
        `'${expected.id}' but the program offered ${actual.map((a) => `'${a}'`).join(', ')}; ` +
        `the program changed since the trace was recorded, or it is nondeterministic ` +
        `(pass --continue to go on from here with a seeded strategy)`,
    );
  }
}

/**
 * Replay is a prefix, not a mode: the recorded choices are consumed first, matched by stable id,
 * then `then` (if given) takes over. Without `then`, the first option is taken past the end, which
 * is only reached when the program diverged.
 */
export class ReplayStrategy implements Strategy {
  readonly name = 'replay';
  readonly params = {};
  private pos = 0;
  /** Set when the program stopped fitting the trace. */
  divergence: ReplayDivergence | null = null;

  constructor(
    private readonly choices: readonly RecordedChoice[],
    private readonly then: Strategy | null = null,
    private readonly continueAfterDivergence = false,
  ) {}

  beginRun(run: number): boolean {
    if (run > 0) return false;
    this.pos = 0;
    this.divergence = null;
    return this.then ? this.then.beginRun(run) : true;
  }

  /** Whether every recorded choice was consumed. */
  get finished(): boolean {
    return this.pos >= this.choices.length;
  }

  choose(point: ChoicePoint): number {
    if (this.divergence === null && this.pos < this.choices.length) {
      const want = this.choices[this.pos]!;
      const options = point.options;
      // A choice point the recording did not have: a later step's choice is next. Recorded before
      // time could move past spinning tasks, this point then had one option, the first: take it.
      if (want.step > point.step) return 0;
      for (let i = 0; i < options.length; i++) {
        if (options[i]!.stableId === want.id && point.kind === want.kind) {
          this.pos++;
          return i;
        }
      }
      const divergence = new ReplayDivergence(
        point.step,
        this.pos,
        want,
        options.map((o) => o.stableId),
      );
      this.divergence = divergence;
      if (!this.continueAfterDivergence) throw divergence;
    }
    return this.then ? this.then.choose(point) : 0;
  }

  endRun(info: RunInfo): void {
    this.then?.endRun(info);
  }
}

/** Follows a run's choices by index. Used to re-execute a schedule found in this same process. */
export class IndexReplayStrategy implements Strategy {
  readonly name = 'index-replay';
  readonly params = {};
  private pos = 0;

  constructor(private readonly choices: readonly number[]) {}

  beginRun(run: number): boolean {
    this.pos = 0;
    return run === 0;
  }

  choose(point: ChoicePoint): number {
    const i = this.pos < this.choices.length ? this.choices[this.pos++]! : 0;
    return i < point.options.length ? i : 0;
  }

  endRun(_info: RunInfo): void {}
}
