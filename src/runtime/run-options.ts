import type { Finding } from '../checker/findings.js';
import type { TimeJumps } from './clock.js';
import type { TraceEvent } from './recorder.js';
import type { RecordedChoice } from '../strategies/replay.js';
import type { StepRecord } from '../strategies/strategy.js';

/* The shapes a run is configured with and ends with (explorer-runtime.ts and run-loop.ts share them). */
export type Mode = 'test' | 'program';

/**
 * Steps without progress after which a run is a livelock, unless `livelockSteps` says otherwise:
 * larger than the prioritizing strategies' unfair prefix (maxUnfairSteps, 1,000 by default), after
 * which a spin loop waiting for another task gives way within a few steps.
 */
export const DEFAULT_LIVELOCK_STEPS = 5_000;

/**
 * Plain awaits per task per run that are switch points (primitives/await-point.ts), unless
 * `awaitPoints` says otherwise: a bound so that exploring them stays fast.
 */
export const DEFAULT_AWAIT_POINTS = 8;

export interface RunOptions {
  /** A run that reaches this many steps ends: a livelock if it stopped making progress, else a step limit. */
  readonly maxSteps: number;
  /** Steps without progress after which a run is a livelock (absent: DEFAULT_LIVELOCK_STEPS). */
  readonly livelockSteps?: number;
  /** After main returns, how many more steps (test mode) before remaining tasks count as leaked. */
  readonly graceSteps: number;
  /** After main returns, how much more virtual time (ns) before remaining tasks count as leaked. */
  readonly graceTime: number;
  /** `due`: time jumps only when nothing is runnable; `any`: a future timer may fire first. */
  readonly timeJumps: TimeJumps;
  readonly mode: Mode;
  /** Follow tasks through plain promises (see compat.ts). */
  readonly compat: boolean;
  /** The first this-many plain awaits of each task are switch points (absent: DEFAULT_AWAIT_POINTS). */
  readonly awaitPoints?: number;
  /** Detect data races on shared() cells (happens-before over the Go memory model). */
  readonly race?: boolean;
  /** Record events and source sites (replays of failing schedules only: it captures stacks). */
  readonly record: boolean;
  /** Seeds `Math.random` for the run. */
  readonly seed: number;
  readonly run: number;
  /** Replay only: execute a `debugger` statement just before step `breakAt` (1-based). */
  readonly breakAt?: number;
}

export interface RunOutcome {
  readonly finding: Finding | null;
  readonly steps: number;
  /** The index taken at each choice point. */
  readonly choices: readonly number[];
  /** Recording only: the choices by stable id, and the events. */
  readonly recordedChoices: readonly RecordedChoice[] | null;
  readonly events: readonly TraceEvent[] | null;
  /** Equal for executions that differ only in the order of independent operations. */
  readonly fingerprint: number;
  /** The steps, when the strategy asked for them. */
  readonly log: readonly StepRecord[] | null;
}
