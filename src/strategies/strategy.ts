/**
 * The one interface between the runtime (mechanics) and exploration policy. Every scheduling
 * decision — which task runs, which ready select case fires, which of the timers due at the same
 * instant fires first — goes through `choose`, so the list of choices *is* the replay record.
 */

/** Names an option by identity, so a trace recorded before a code change can still be followed. */
export type StableId = string;

/** One object an operation touches, and whether it writes it (for DPOR and coverage). */
export interface Access {
  readonly obj: number;
  readonly write: boolean;
}
export type Footprint = readonly Access[];

/** The footprint of an operation that touches no object (a yield): shared, so a step allocates none. */
export const NO_FOOTPRINT: Footprint = Object.freeze([]);

export interface Option {
  /** Stable identity: `main/worker#2` for a task, `case1:chan#3` for a select case. */
  readonly stableId: StableId;
  /** The task this option belongs to (its number, 1 = main). */
  readonly task: number;
  /** What taking this option would touch; computed on demand (only DPOR-like strategies ask). */
  footprint(): Footprint;
  /**
   * The task's last operation was a spin (a `yield_()`, or a `select` that took its default): a
   * prioritizing strategy should lower it, or a spin loop would starve the task it waits for.
   */
  readonly spinning?: boolean;
}

export type ChoiceKind = 'task' | 'case' | 'timer';

/**
 * A decision the strategy must make. The runtime reuses one object per run to keep the hot path
 * allocation-free: a strategy must copy what it wants to keep.
 */
export interface ChoicePoint {
  step: number;
  kind: ChoiceKind;
  options: readonly Option[];
  /** The task of the previous step (0 before the first): choosing another one is a preemption. */
  last: number;
  /** For strategies with `wantsStepLog`: the run's steps so far (live; do not keep it across runs). */
  log: readonly StepRecord[] | null;
}

/**
 * One step of a run, for partial-order reduction: who moved, and every object the step touched
 * (its operation's footprint, the synchronous operations of the code it resumed, and a virtual
 * object per task, -id, so that program order and spawns order steps too). Objects are named by
 * run-local id; all accesses are treated as writes (conservative: reads would commute).
 */
export interface StepRecord {
  /** The task that moved (0 for a timer firing). */
  readonly task: number;
  /** The option's stable id (a task's, or a timer's). */
  readonly option: string;
  readonly objs: number[];
  /** The step that made this task runnable again (completed its parked operation), or -1. */
  readonly enabler: number;
}

export interface RunInfo {
  readonly run: number;
  readonly steps: number;
  /** The index taken at each choice point of the run, in order. */
  readonly choices: readonly number[];
  readonly failed: boolean;
  /** The run's steps, for strategies with `wantsStepLog`. */
  readonly log?: readonly StepRecord[];
}

/**
 * What every strategy has; a user's strategy needs only these. What only some strategies can do
 * (runs addressable by index, an exhaustive search, splitting by subtree) is a capability of its
 * own, in capabilities.ts.
 */
export interface Strategy {
  /** The name written into traces (`random`, `replay`, ...). */
  readonly name: string;
  /** Parameters written into traces, enough to rebuild this strategy. */
  readonly params: Readonly<Record<string, number | string | boolean>>;
  /** Prepare run number `run` (0-based); false when there is nothing left to explore. */
  beginRun(run: number): boolean;
  /** The index, in `point.options`, of the option taken. */
  choose(point: ChoicePoint): number;
  endRun(info: RunInfo): void;
  /**
   * Ask the runtime to log each step's task and footprint (partial-order reduction needs it). The
   * runtime reads this member; `logsSteps` (capabilities.ts) is the same test as a type guard.
   */
  readonly wantsStepLog?: boolean;
}
