import { EPOCH_MS } from '../base/epoch.js';
import { GoFatalError, InterleaveError } from '../base/errors.js';
import * as verdict from '../checker/verdicts.js';
import type { FreeFastPath, Runtime } from '../runtime/contract.js';
import { ObjectRegistry, type Registered } from '../runtime/objects.js';
import { realm } from '../runtime/realm.js';
import { brandRuntimeClass } from '../runtime/runtime-brand.js';
import type { ChoiceKind } from '../strategies/strategy.js';
import { Task, TaskState, type Performer } from '../runtime/task.js';
import { Timer, type TimerOwner } from '../runtime/timers.js';

const ignore = (): void => {};

/** What an operation that completed with no value returns (one promise for all of them). */
const RESOLVED: Promise<void> = Promise.resolve();

// The real event loop's functions, captured before any test could fake them.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realSetImmediate = globalThis.setImmediate;
const realNow = performance.now.bind(performance);

/** Unbroken microtask work longer than this yields to the macrotask queue (timers, I/O). */
const GUARD_MS = 4;

/**
 * What the opt-in watchdog (free-watchdog.ts) hears from free mode. While it is off the runtime holds
 * null and each hook costs one null test on a path that already allocates a promise.
 */
export interface FreeWatch {
  /** An operation could not complete and is parked (`t.waitReason` says why). */
  parked(t: Task): void;
  /** A parked operation completed or failed. */
  unparked(t: Task): void;
  /** Wraps the body of a task started by `go`, to know which task later calls an operation. */
  spawned(fn: () => unknown, name: string): () => unknown;
}

/**
 * The primitives with no explorer: an ordinary Node.js program. The same state machines as under a
 * run, driven directly: an announced operation is performed at once; if it must wait, its promise
 * is resolved by the partner that completes it. A `select` with several ready cases picks one at
 * random (as Go's runtime does); timers are real; `go` starts a task in a microtask; a panic that
 * escapes a task is an unhandled rejection, which ends the process as Go's would. No tracing, no
 * stack capture, no scheduler on the path.
 *
 * The starvation guard: a task looping over operations that complete at once (a `for`/`select` on
 * an always-ready channel) would otherwise never let timers or I/O run. Every few hundred such
 * operations, if microtask work has gone on for a few milliseconds, the next one resolves after a
 * turn of the event loop instead, as Go's preemption lets other goroutines run.
 *
 * Channels have a fast path (chan.ts): a plain send or receive runs the same ladder inline, parks
 * with no Task (waitqueue.ts) and completes through `completedEmpty`/`completedWith`, the same
 * starvation guard. It is off while the watchdog listens, since parked operations reach the
 * watchdog only through announce. Both paths take the same number of ticks, so a program's
 * interleaving does not depend on which one ran (tested: primitives/free-fast-path.test.ts).
 */
export class FreeRuntime implements FreeFastPath {
  readonly free = true;
  /** No run: nothing ends, no steps, no recorder, no race detector, no task is ever current. */
  readonly ended = false;
  readonly steps = 0;
  readonly recorder = null;
  readonly race = null;
  readonly current = null;
  readonly settler = null;
  readonly runnableCount = 0;
  readonly fastPath: FreeFastPath = this;
  private readonly objects = new ObjectRegistry(null);
  private freeLive = 0;
  /** The watchdog's hooks while it is on (free-watchdog.ts), else null. */
  watch: FreeWatch | null = null;
  /** @internal Tests: send every channel operation the long way (announce), as under a watchdog. */
  longWay = false;
  /** Operations completing at once between two looks at the clock (the starvation guard). */
  private every = 256;
  /** Operations completing at once until the next look at the clock (a countdown: no division). */
  private untilGuard = 256;
  get guardEvery(): number {
    return this.every;
  }
  /** @internal Tests: a program that must not yield to the event loop midway sets this high. */
  set guardEvery(n: number) {
    this.every = n;
    this.untilGuard = n;
  }
  private sliceStart = realNow();
  private readonly handles = new Map<Timer, ReturnType<typeof setTimeout>>();
  /** The Task of the next announced operation (see announce). */
  private spare = new Task(0, 'task', null, 'free', null);
  /** Stands for "the calling task" in synchronous operations: free mode does not track tasks. */
  private readonly anyTask = new Task(0, 'task', null, 'free', null);

  constructor() {
    this.anyTask.state = TaskState.Running;
  }

  /** Nanoseconds since 2000-01-01T00:00:00Z, from the real clock (virtual times share the epoch). */
  get now(): number {
    return (Date.now() - EPOCH_MS) * 1e6 + Math.round((realNow() % 1) * 1e6);
  }

  announce(target: Performer, op: number, arg: unknown, opName: string): Promise<any> {
    if (realm.rt !== null && !realm.rt.ended) return this.usedInRun(target.label, opName);
    // An operation that completes at once leaves its Task unreferenced: the next one reuses it. Only
    // one that parks (held by a wait queue until its partner wakes it) takes a fresh one.
    const t = this.spare;
    t.failed = false;
    t.failure = undefined;
    t.target = target;
    t.op = op;
    t.arg = arg;
    t.opName = opName;
    t.state = TaskState.Announced;
    if (target.perform(t)) {
      const outcome = this.settled(t);
      t.target = null;
      t.arg = undefined;
      t.result = undefined;
      return outcome;
    }
    this.spare = new Task(0, 'task', null, 'free', null);
    t.state = TaskState.Blocked;
    if (this.watch !== null) this.watch.parked(t);
    // Only resolve is kept: a failure resolves with a rejected promise (wakeFailure), as the fast
    // path's task-less waiters do, so both fail after the same number of ticks.
    return new Promise((resolve) => {
      t.resolve = resolve;
    });
  }

  /** The outcome of an operation that completed at once, through the starvation guard. */
  private settled(t: Task): Promise<unknown> {
    return this.guarded(t.failed ? Promise.reject(t.failure) : Promise.resolve(t.result));
  }

  /**
   * Whether a channel may take its fast path (chan.ts) now: no run in flight (an object of free mode
   * used by a run is a misuse that announce reports) and no watchdog, which hears of parked
   * operations through announce.
   */
  get fast(): boolean {
    return this.watch === null && !this.longWay && realm.rt === null;
  }

  /** A fast-path operation completed at once with no value. */
  completedEmpty(): Promise<void> {
    return --this.untilGuard !== 0 ? RESOLVED : this.yieldIfLong(RESOLVED);
  }

  /** A fast-path operation completed at once with `value`. */
  completedWith(value: unknown): Promise<any> {
    return this.guarded(Promise.resolve(value));
  }

  private guarded<V>(outcome: Promise<V>): Promise<V> {
    return --this.untilGuard !== 0 ? outcome : this.yieldIfLong(outcome);
  }

  /** The starvation guard's clock check, every guardEvery operations that completed at once. */
  private yieldIfLong<V>(outcome: Promise<V>): Promise<V> {
    this.untilGuard = this.every;
    if (realNow() - this.sliceStart < GUARD_MS) return outcome;
    // A failure (a send on a closed channel) waits out the yield with a handler, or Node would call
    // it unhandled before the caller's await could see it.
    outcome.catch(ignore);
    return new Promise((resolve) =>
      realSetImmediate(() => {
        this.sliceStart = realNow();
        resolve(outcome);
      }),
    );
  }

  register(kind: string, name?: string): Registered {
    return this.objects.register(kind, null, name);
  }

  caller(opName: string, label = ''): Task | null {
    if (realm.rt !== null && !realm.rt.ended) {
      void this.usedInRun(label || opName, opName);
      return null;
    }
    return this.anyTask;
  }

  wake(t: Task, value: unknown): void {
    if (this.watch !== null) this.watch.unparked(t);
    t.state = TaskState.Ready;
    t.target = null;
    t.resolve!(value);
  }

  wakeFailure(t: Task, error: unknown): void {
    if (this.watch !== null) this.watch.unparked(t);
    t.state = TaskState.Ready;
    t.target = null;
    t.resolve!(Promise.reject(error));
  }

  /** A wake-up that grants a retry (a mutex freed): retry at once; if it must wait, it parks again. */
  rearm(t: Task): void {
    t.state = TaskState.Announced;
    if (!t.target!.perform(t)) {
      t.state = TaskState.Blocked;
      return;
    }
    if (this.watch !== null) this.watch.unparked(t);
    t.state = TaskState.Ready;
    if (t.failed) t.resolve!(Promise.reject(t.failure));
    else t.resolve!(t.result);
  }

  /** Plain memory accesses are not watched: free mode has no race detector. */
  accessor(): Task | null {
    return null;
  }

  raceRead(): void {}

  raceWrite(): void {}

  /** settle() fails in free mode before it would park (primitives/go.ts): nothing to wait for. */
  parkSettler(): void {}

  /** Outside work needs no bookkeeping: free mode never decides that a program is stuck. */
  externalStarted(): void {}

  externalSettled(): void {}

  /** Free mode has no strategy: Go's own runtime picks select cases at random, and so do we. */
  chooseAmong(_kind: ChoiceKind, count: number): number {
    return count === 1 ? 0 : Math.floor(Math.random() * count);
  }

  kick(): void {}

  fatal(message: string): never {
    throw new GoFatalError(message);
  }

  spawn(fn: () => unknown, name: string): Task | null {
    if (this.watch !== null) fn = this.watch.spawned(fn, name);
    this.freeLive++;
    queueMicrotask(() => {
      const done = (): void => {
        this.freeLive--;
      };
      let r: unknown;
      try {
        r = fn();
      } catch (e) {
        done();
        throw e; // an uncaught panic ends the program, as in Go
      }
      Promise.resolve(r).then(done, (e: unknown) => {
        done();
        throw e;
      });
    });
    return null;
  }

  spawnFor(_parentId: number, fn: () => unknown, name: string, _hb?: unknown): Task {
    this.spawn(fn, name);
    return this.anyTask;
  }

  newTimer(owner: TimerOwner): Timer {
    return new Timer(owner, 'free@timer', 0);
  }

  armTimer(timer: Timer, when: number, _by?: unknown): void {
    this.disarmTimer(timer);
    timer.when = when;
    timer.index = 0; // marks it scheduled (Timer.scheduled)
    const ms = Math.max(0, (when - this.now) / 1e6);
    this.handles.set(
      timer,
      realSetTimeout(() => {
        this.handles.delete(timer);
        timer.index = -1;
        timer.owner.fire(timer);
      }, ms),
    );
  }

  disarmTimer(timer: Timer): boolean {
    const h = this.handles.get(timer);
    if (h === undefined) return false;
    realClearTimeout(h);
    this.handles.delete(timer);
    timer.index = -1;
    return true;
  }

  /** Tasks started by `go` that have not finished (main not counted). */
  get startedTasks(): number {
    return this.freeLive;
  }

  get liveTasks(): number {
    return this.freeLive + 1; // and main, as Go's NumGoroutine counts it
  }

  /** An object of free mode used by a task of a run: a finding for that run, never a silent mix. */
  private usedInRun(label: string, opName: string): Promise<never> {
    const live = realm.rt!;
    const who = live.current?.label ?? 'a task';
    const msg =
      `${label} was created outside any run (free mode) but ${who} of run ${live.run} called ${opName} ` +
      `on it: create the objects a program uses inside the program`;
    live.abort(verdict.misuseOf(live.facts(), msg));
    return new Promise<never>(() => {});
  }
}

let instance: FreeRuntime | null = null;

/** The runtime of code running outside any exploration. */
export function freeRuntime(): FreeRuntime {
  return (instance ??= new FreeRuntime());
}

/**
 * No run in flight: during an exploration this is code of a run that ended (a late continuation:
 * its operations never settle, with one warning), otherwise an ordinary program (free mode).
 */
export function lateOrFree(): Runtime {
  return realm.exploring > 0 && realm.last !== null ? realm.last : freeRuntime();
}

export function notInFreeMode(what: string): InterleaveError {
  return new InterleaveError(`${what} is a test helper: it needs a run (explore() or interleave check)`);
}

brandRuntimeClass(FreeRuntime);
