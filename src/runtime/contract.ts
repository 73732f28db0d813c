import type { Finding } from '../checker/findings.js';
import type { RunFacts } from '../checker/verdicts.js';
import type { HostTimerHandle } from './host-bridge.js';
import type { RaceDetector, VarState, VectorClock } from './happens-before/race.js';
import type { Registered } from './objects.js';
import type { Recorder } from './recorder.js';
import type { ChoiceKind, Option } from '../strategies/strategy.js';
import type { Performer, Task } from './task.js';
import type { Timer, TimerOwner } from './timers.js';

/*
 * The runtime contract: what a primitive may ask of the runtime that runs it, and nothing more.
 * Two classes implement it independently: the explorer's (explorer-runtime.ts), where every
 * operation is a step a strategy schedules, and free mode's (free/free.ts), an ordinary Node.js
 * program. Primitives import this interface, never a class, and never write a runtime's field.
 */

/** The runtime of a primitive: the run it belongs to, or free mode. */
export interface Runtime {
  /** Free mode: no explorer, no run (free/free.ts). */
  readonly free: boolean;
  /** The run is over: its operations never complete. */
  readonly ended: boolean;
  /** Steps taken so far (event lines stamp it). Always 0 in free mode. */
  readonly steps: number;
  /** Collects events while a failing schedule is replayed; null otherwise (and in free mode). */
  readonly recorder: Recorder | null;
  /** The race detector, or null when it is off (free mode, or `race: false`). */
  readonly race: RaceDetector | null;
  /** The task whose code is executing, if known (never in free mode). */
  readonly current: Task | null;
  /** Tasks started and not finished, main included (Go's runtime.NumGoroutine). */
  readonly liveTasks: number;
  /** Tasks runnable right now, not counting one being performed. */
  readonly runnableCount: number;
  /** The task waiting in settle(), if any. */
  readonly settler: Task | null;
  /** Free mode's channel fast path (chan.ts), or null under a run. */
  readonly fastPath: FreeFastPath | null;

  /**
   * A fresh object id and its labels: `chan#3` (the third channel of this runtime) is the stable
   * label; the display label adds the program's `name` for the object, if any: `chan#3 (jobs)`.
   */
  register(kind: string, name?: string): Registered;
  /** The task calling a synchronous operation; null (and the run ended) on misuse. */
  caller(opName: string, label?: string): Task | null;
  /** The task making a watched plain memory access to `label`, or null when it is not watched. */
  accessor(label: string): Task | null;

  /** A blocking operation of the calling task: a switch point. Resolves when the task resumes. */
  announce(target: Performer, op: number, arg: unknown, opName: string): Promise<any>;
  /** Completes a parked task's operation with `value` (by a partner). */
  wake(t: Task, value: unknown): void;
  /** Completes a parked task's operation with a panic. */
  wakeFailure(t: Task, error: unknown): void;
  /** Makes a parked task announced again: its operation is performed once more (a retry). */
  rearm(t: Task): void;
  /** Steps on if no task is executing (after something outside the run made a task ready). */
  kick(): void;
  /** `settle()`: `t` waits until nothing else can move. */
  parkSettler(t: Task): void;
  /** A piece of outside work (external()) started: it keeps the run alive until it settles. */
  externalStarted(): void;
  /** That outside work settled. */
  externalSettled(): void;

  /** `go(fn, name)`: a new task. Null when no task is made (free mode, or a misuse). */
  spawn(fn: () => unknown, name: string): Task | null;
  /** A task started on behalf of task `parentId` (a timer's callback), from clock `hb` if given. */
  spawnFor(parentId: number, fn: () => unknown, name: string, hb?: VectorClock | null): Task;
  /** A strategy choice among `count` options other than tasks (the ready cases of a select). */
  chooseAmong(kind: ChoiceKind, count: number, optionOf: (i: number) => Option): number;
  /** Go's `fatal error: ...`: ends the run at once; the throw only unwinds. */
  fatal(message: string, t?: Task | null): never;

  /** Now, in nanoseconds since 2000-01-01T00:00:00Z (virtual under a run, real in free mode). */
  readonly now: number;
  /** A timer owned by `owner`, created by the current task (or `creator`). Not yet armed. */
  newTimer(owner: TimerOwner, creator?: Task | null): Timer;
  /** Arm (or re-arm) `timer` for time `when` (ns); `by` is the arming task (null: the runtime). */
  armTimer(timer: Timer, when: number, by?: Task | null): void;
  /** Disarm `timer`; true if it was armed. */
  disarmTimer(timer: Timer): boolean;

  /** A read of a watched variable by `t`: a race ends the run with its finding. */
  raceRead(t: Task, v: VarState): void;
  /** A write of a watched variable by `t`. */
  raceWrite(t: Task, v: VarState): void;
}

/** Free mode's channel fast path: operations that complete at once with no Task (chan.ts). */
export interface FreeFastPath extends Runtime {
  /** Whether a channel may take the fast path now. */
  readonly fast: boolean;
  /** A fast-path operation completed at once with no value. */
  completedEmpty(): Promise<void>;
  /** A fast-path operation completed at once with `value`. */
  completedWith(value: unknown): Promise<any>;
}

/** Something with an owning runtime: every primitive. */
export interface Owned {
  readonly rt: Runtime | null;
  readonly label: string;
}

/**
 * A run of the explorer as the rest of the system sees it through the realm (realm.ts): the
 * driver, the host's patches, free mode reporting a misuse, and a later run recognizing a late call.
 */
export interface Run extends Runtime {
  /** Which run of its exploration it is. */
  readonly run: number;
  /** How many plain awaits of each task are switch points (primitives/await-point.ts). */
  readonly awaitPoints: number;
  /** A plain await was a switch point (await-point.ts): the code between it and the next runs on plain state. */
  awaitPointTaken(): void;
  /** The exploration this run belongs to. */
  readonly exploration: number;
  /** explore() was called while this run was in flight. */
  exploreRequested: boolean;
  /** Node timer handles of this run (setTimeout...), by id. */
  readonly hostTimers: Map<number, HostTimerHandle>;
  /** The next Node timer id of this run. */
  nextHostTimerId(): number;
  /** Told whenever the virtual clock moves (the faked Date and performance follow it). */
  followClock(onClock: ((now: number) => void) | null): void;
  /** A macrotask ran while the run was in flight; returns whether the run goes on. */
  macrotask(): boolean;
  /** The run's state as plain data, for a finding made outside the runtime. */
  facts(): RunFacts;
  /** End the run with `finding` (a misuse detected outside the runtime). */
  abort(finding: Finding): void;
}
