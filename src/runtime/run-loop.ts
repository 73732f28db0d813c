import type { Finding } from '../checker/findings.js';
import * as verdict from '../checker/verdicts.js';
import { Clock } from './clock.js';
import { formatDuration } from '../base/duration.js';
import { Fingerprint } from './fingerprint.js';
import { RaceDetector } from './happens-before/race.js';
import { realm } from './realm.js';
import { Recorder } from './recorder.js';
import type { ChoiceKind, ChoicePoint, Option, Strategy } from '../strategies/strategy.js';
import { CLOCK_OBJECT, StepLog } from './step-log.js';
import { DEFAULT_LIVELOCK_STEPS, type RunOptions, type RunOutcome } from './run-options.js';
import { noteLateCall } from './late-calls.js';
import { stepBound } from './step-bounds.js';
import { insertById, removeTask } from './runnable.js';
import type { Runtime } from './runtime.js';
import type { Task } from './task.js';
import { TaskState } from './task.js';
import type { Timer } from './timers.js';

const RESOLVED = Promise.resolve();

/** A run is a livelock when it makes no progress for this many steps, by default (see run-options.ts). */
export const LIVELOCK_STEPS = DEFAULT_LIVELOCK_STEPS;
/** Spins in a row that make a task a spinning loop, past which time may move (see mayJump). */
const SPIN_LOOP = 2;

/**
 * The step loop of a run and its ends: which task runs next (asking the strategy), performing its
 * announced operation, resuming exactly one task per step, firing due timers, and deciding when and
 * how the run is over (finished, deadlock, leak, livelock, outside await). The operations the
 * primitives call (announce, wake, spawn, timers) are Runtime's (runtime.ts), which extends this.
 */
export abstract class RunLoop implements verdict.RunView {
  /** Every RunLoop is a Runtime (its one subclass): for the realm, which holds Runtimes. */
  protected get self(): Runtime {
    return this as unknown as Runtime;
  }

  /** Free mode (free/free.ts): no explorer, no run. */
  readonly free: boolean = false;
  readonly tasks: Task[] = [];
  /** Announced, ready and new tasks, sorted by id (so options are listed in a stable order). */
  protected readonly runnable: Task[] = [];
  /**
   * The task whose code is executing. Null between a hand-off and the resumed task's first
   * microtask: an operation called then comes from the announcing task's synchronous tail (two
   * operations in flight at once), which is a misuse we report rather than misattribute.
   */
  current: Task | null = null;
  protected next: Task | null = null;
  protected readonly enterNext = (): void => {
    this.current = this.next;
    this.next = null;
  };
  steps = 0;
  ended = false;
  protected live = 0;
  protected main: Task | null = null;
  protected mainDone = false;
  protected graceLimit = Number.POSITIVE_INFINITY;
  protected graceTimeLimit = Number.POSITIVE_INFINITY;
  protected readonly clock: Clock;
  /**
   * The last step that made progress: an operation completed (not a spin), a task was woken,
   * started or finished, a timer fired, the clock moved. A livelock is a run that stops doing so.
   */
  protected progressAt = 0;
  /** Reused per step when timers are due: runnable tasks first, then due timers. */
  protected readonly mixed: Option[] = [];
  /** Node timer handles of this run (setTimeout...), by id. */
  readonly hostTimers = new Map<number, { readonly id: number; hasRef(): boolean }>();
  hostTimerIds = 0;
  /** Told whenever the clock moves (the faked Date/performance follow it). */
  onClock: ((now: number) => void) | null = null;
  /** Operations waiting for work outside the run (external()); they keep the run alive. */
  externalsPending = 0;
  /** explore() was called while this run was in flight (nesting, or a concurrent test). */
  exploreRequested = false;
  /** A deadlock or leak verdict is pending for one microtask (see quiescent()). */
  protected verdictDeferred = false;
  protected readonly confirmQuiescence = (): void => {
    if (!this.ended && this.current === null && this.next === null) this.schedule();
  };
  /** Compatibility mode: tasks awaiting a plain promise. */
  protected awaiting = 0;
  /**
   * The step at which the microtask queue was last seen drained (by the driver's macrotask). While
   * externals or plain promises may still resume a task, time advances only after such a drain: a
   * settlement already queued happens at the current virtual time, not after the next timer.
   */
  protected drainedAt = -1;
  protected objectCount = 0;
  /** Object ids by display label (`chan#3`): synchronous operations know only the label. */
  protected readonly objectIds = new Map<string, number>();
  protected readonly kindCounts = new Map<string, number>();
  protected readonly choices: number[] = [];
  protected readonly fingerprint = new Fingerprint();
  protected readonly point: ChoicePoint = { step: 0, kind: 'task', options: [], last: 0, log: null };
  /** Partial-order reduction's view of the run (only when the strategy asks: see StepRecord). */
  protected readonly stepLog: StepLog | null;
  /** The task picked by the previous step (for ChoicePoint.last). */
  protected lastTask = 0;
  protected finish: ((outcome: RunOutcome) => void) | null = null;
  protected restoreHost: (() => void) | null = null;
  /**
   * The task that was mid-segment when the run ended (stuck outside, or unwinding a fatal error).
   * Only it can continue after the end: a late continuation, not a misuse by another run.
   */
  protected lateTask: Task | null = null;
  /** A task waiting in settle(): woken when nothing else can move. */
  settler: Task | null = null;
  readonly recorder: Recorder | null;
  /** The race detector, or null when it is off (free mode, or `race: false`). */
  readonly race: RaceDetector | null;
  /** The exploration this run belongs to (realm.exploration when it was made). */
  readonly exploration = realm.exploration;

  constructor(
    readonly strategy: Strategy,
    readonly options: RunOptions,
  ) {
    this.recorder = options.record ? new Recorder() : null;
    this.race = options.race === false || options.run < 0 ? null : new RaceDetector();
    this.stepLog = strategy.wantsStepLog ? new StepLog() : null;
    this.point.log = this.stepLog?.records ?? null;
    this.clock = new Clock(options.timeJumps, (now, by) => {
      this.progressAt = this.steps;
      this.recorder?.emit(this.steps, 0, 'ClockAdvanced', { by: formatDuration(by) }, null);
      this.onClock?.(now);
    });
  }

  get run(): number {
    return this.options.run;
  }

  /**
   * Virtual time: integer nanoseconds since the run started. Reading it (time.now(), arming a
   * timer) makes the step depend on every step that moves the clock (partial-order reduction).
   */
  get now(): number {
    this.stepLog?.touched(CLOCK_OBJECT);
    return this.clock.now;
  }

  // ── the step loop ────────────────────────────────────────────────────────────────────────────

  /**
   * Pick and perform until one task is resumed or the run ends. A pick whose operation cannot
   * complete blocks that task and loops without a hop; so does a timer firing.
   */
  protected schedule(): void {
    const runnable = this.runnable;
    for (;;) {
      if (this.ended) return;
      const n = runnable.length;
      const due = this.clock.size === 0 ? null : this.clock.due(this.mayJump(n), this.jumpLimit());
      if (n === 0 && due === null) {
        if (this.quiescent()) continue;
        return;
      }
      if (this.steps >= this.graceLimit) {
        this.graceExpired();
        return;
      }
      if (this.steps - this.progressAt >= this.livelockSteps || this.steps >= this.options.maxSteps) {
        if (this.outOfSteps()) return;
      }
      let i: number;
      if (due === null) {
        i = n === 1 ? 0 : this.choose('task', runnable);
      } else {
        const options = this.mixed;
        options.length = 0;
        for (const t of runnable) options.push(t);
        for (const t of due) options.push(t);
        i = options.length === 1 ? 0 : this.choose(n === 0 ? 'timer' : 'task', options);
        if (this.ended) return;
        if (i >= n) {
          const timer = due[i - n]!;
          const jumps = timer.when > this.clock.now;
          this.stepLog?.timerStep(timer, jumps);
          this.fingerprint.fired(timer.hash, timer.owner.footprint()); // coverage
          this.steps++;
          this.fireTimer(timer);
          continue;
        }
      }
      if (this.ended) return;
      const t = runnable[i]!;
      this.lastTask = t.id;
      this.stepLog?.taskStep(t);
      if (this.steps + 1 === this.options.breakAt) this.pause(t);
      // Out of the runnable set before performing: completing the operation may wake partners,
      // which insert themselves and shift indices.
      for (let j = i + 1; j < n; j++) runnable[j - 1] = runnable[j]!;
      runnable.pop(); // not splice, not length =: both are slow runtime calls in V8
      this.steps++;
      this.verdictDeferred = false;
      this.fingerprint.step(t.hash);
      if (t.state === TaskState.Announced) {
        t.spinning = false; // a spinning operation sets it again
        // Coverage: the objects this operation touches, in order, per object (fingerprint.ts).
        for (const a of t.target!.footprint(t)) this.fingerprint.record(a.obj, t.hash, t.opName);
        if (!t.target!.perform(t)) {
          if (this.ended) return;
          t.spins = 0;
          t.state = TaskState.Blocked;
          if (this.recorder) {
            const cases = t.target?.describe?.(t);
            if (cases?.length)
              this.recorder.emit(this.steps, t.id, 'SelectWaits', { obj: t.target!.label, cases }, t.site);
            this.recorder.emit(
              this.steps,
              t.id,
              'TaskBlocked',
              { obj: t.target?.label ?? '', reason: t.waitReason },
              t.site,
            );
          }
          continue;
        }
        if (t.spinning) t.spins++;
        else {
          t.spins = 0;
          this.progressAt = this.steps; // an operation completed
        }
      }
      if (this.ended) return;
      this.resume(t);
      return;
    }
  }

  /**
   * Whether the strategy may move the clock to the next timer at this step: under `timeJumps:
   * 'any'` whenever a task can run, and otherwise when every runnable task keeps spinning (its last
   * SPIN_LOOP operations in a row were `yield_()`s or `select`s that took their default), since in
   * Go time passes while goroutines spin. A task that polled once and moved on is not spinning.
   * (With nothing runnable the clock moves without a choice: see quiescent().)
   */
  private mayJump(n: number): boolean {
    if (n === 0) return false;
    if (this.clock.timeJumps === 'any') return true;
    const runnable = this.runnable;
    for (let k = 0; k < n; k++) if (runnable[k]!.spins < SPIN_LOOP) return false;
    return true;
  }

  /** No jump past the grace time after main returned (infinite before: see taskDone). */
  private jumpLimit(): number {
    return this.graceTimeLimit;
  }

  private get livelockSteps(): number {
    return this.options.livelockSteps ?? LIVELOCK_STEPS;
  }

  /** At a step bound (no progress for livelockSteps, or maxSteps): end the run if it is over. */
  private outOfSteps(): boolean {
    const o = this.options;
    const bound = stepBound(
      this.steps,
      this.progressAt,
      this.live,
      this.clock.size,
      o.maxSteps,
      this.livelockSteps,
    );
    if (bound === null) return false;
    const still = this.steps - this.progressAt;
    this.endRun(
      bound === 'livelock'
        ? verdict.livelock(this, still, this.progressAt)
        : verdict.stepLimit(this, o.maxSteps, this.progressAt),
    );
    return true;
  }

  /**
   * `interleave replay --break-at N`: a debugger attached (an IDE's debug terminal, --inspect) stops
   * here, before step N. Step into `t.target.perform` to see the operation performed, or step out
   * and over the resume to follow the task's own code from its await.
   */
  protected pause(t: Task): void {
    const step = this.steps + 1;
    const task = `${t.label} — ${t.opName || 'start'}${t.target ? ` on ${t.target.label}` : ''}${t.site ? ` at ${t.site}` : ''}`;
    void step;
    void task;
    debugger;
  }

  protected resume(t: Task): void {
    t.state = TaskState.Running;
    t.target = null;
    this.current = null;
    this.next = t;
    // Runs before t's continuation (FIFO microtasks): `current` becomes t exactly when t's code runs.
    // (A reaction on a settled promise: cheaper than queueMicrotask, same FIFO queue.)
    void RESOLVED.then(this.enterNext);
    if (t.failed) {
      const e = t.failure;
      t.failed = false;
      t.failure = undefined;
      t.reject!(e);
    } else {
      const v = t.result;
      t.result = undefined;
      t.resolve!(v);
    }
  }

  protected choose(kind: ChoiceKind, options: readonly Option[]): number {
    const p = this.point;
    p.step = this.steps;
    p.kind = kind;
    p.options = options;
    p.last = this.lastTask;
    let i: number;
    try {
      i = this.strategy.choose(p);
    } catch (e) {
      this.endRun(verdict.strategyFailed(this, e));
      return 0;
    }
    if (!(i >= 0 && i < options.length)) i = 0;
    this.choices.push(i);
    this.recorder?.choices.push({ step: this.steps, kind, id: options[i]!.stableId });
    return i;
  }

  protected removeRunnable(t: Task): void {
    removeTask(this.runnable, t);
  }

  protected insertRunnable(t: Task): void {
    insertById(this.runnable, t);
  }

  // ── ends of runs ─────────────────────────────────────────────────────────────────────────────

  /**
   * Nothing is runnable. Returns true if something was woken and stepping should go on; false when
   * the run ended, or when it must wait (a plain promise or outside work may still move a task).
   */
  protected quiescent(): boolean {
    if (this.settler) {
      const s = this.settler;
      this.settler = null;
      this.wake(s, undefined);
      return true;
    }
    if (this.mainDone && this.live === 0 && !this.hostTimerPending()) {
      // Everything finished: Go timers left armed (a forgotten cancel) leak no task. A ref'd Node
      // timer does keep the program alive, as it keeps Node's event loop alive: its callback runs.
      this.endRun(null);
      return false;
    }
    const maybeResumed = this.awaiting > 0 || this.externalsPending > 0;
    if (maybeResumed && this.drainedAt !== this.steps) return false; // wait for the drain
    const next = this.clock.nextPending();
    if (next) {
      // Nothing can move until the next timer: time passes (synctest's "durably blocked").
      if (this.mainDone && next.when > this.graceTimeLimit) {
        this.graceExpired();
        return false;
      }
      this.clock.advance(next.when);
      return true;
    }
    if (this.externalsPending > 0) return false; // real outside work: keep waiting
    if (!this.verdictDeferred) {
      // The verdict waits one microtask: the task whose operation just blocked may still be in its
      // synchronous tail, about to call a second operation (Promise.race over operations), which
      // is the misuse to report, not the deadlock it would seem to cause.
      this.verdictDeferred = true;
      void RESOLVED.then(this.confirmQuiescence);
      return false;
    }
    if (this.awaiting > 0) {
      // Drained, no timer, no outside work: nothing will settle those promises.
      this.endRun(verdict.outsideAwait(this, this.tasks.find((t) => t.state === TaskState.Awaiting) ?? null));
      return false;
    }
    if (!this.mainDone) this.endRun(verdict.deadlock(this));
    else this.endRun(verdict.blockedForever(this));
    return false;
  }

  protected graceExpired(): void {
    if (this.options.mode === 'program' || this.live === 0) {
      this.endRun(null);
      return;
    }
    const o = this.options;
    this.endRun(
      verdict.stillAlive(this, verdict.graceBound(this.steps, o.graceSteps, this.graceLimit, o.graceTime)),
    );
  }

  /**
   * An operation on an object of this run after the run ended, or while another run is in flight.
   * Pending operations never settle at the end of a run, so only `lateTask` can still be executing
   * code of this run. If this run has none and the live run has a task executing, that task is using
   * an object it does not own: a finding naming the object. Otherwise it is a late continuation:
   * dropped (the operation never completes), and the exploration's first one noted on its result.
   */
  protected foreign(label: string, opName: string): void {
    const live = realm.rt as RunLoop | null;
    if (
      live &&
      live !== this &&
      !live.ended &&
      live.current &&
      this.lateTask === null &&
      live.exploration === this.exploration
    ) {
      live.endRun(verdict.crossRun(live, label, this.run, live.current, opName));
      return;
    }
    noteLateCall(this.exploration, this.run, opName, label);
  }

  protected endRun(finding: Finding | null): void {
    if (this.ended) return;
    this.ended = true;
    this.lateTask = this.current ?? this.next;
    this.restoreHost?.();
    this.restoreHost = null;
    if (realm.rt === (this as RunLoop)) realm.rt = null;
    realm.last = this.self;
    const finish = this.finish;
    this.finish = null;
    finish?.({
      finding,
      steps: this.steps,
      choices: this.choices,
      recordedChoices: this.recorder?.choices ?? null,
      events: this.recorder?.events ?? null,
      fingerprint: this.fingerprint.value(),
      log: this.stepLog?.records ?? null,
    });
  }

  protected hostTimerPending(): boolean {
    for (const h of this.hostTimers.values()) if (h.hasRef()) return true;
    return false;
  }

  protected fireTimer(timer: Timer): void {
    this.progressAt = this.steps;
    this.clock.take(timer);
    this.recorder?.emit(
      this.steps,
      timer.task,
      'TimerFired',
      { obj: timer.owner.label, onReceive: false },
      null,
    );
    timer.owner.fire(timer);
  }

  /** Tasks runnable right now (announced, ready or new), not counting one being performed. */
  get runnableCount(): number {
    return this.runnable.length;
  }

  /** Number of tasks that have not finished (Go's runtime.NumGoroutine). */
  get liveTasks(): number {
    return this.live;
  }

  /** Completes a parked task's operation (Runtime.wake). */
  abstract wake(t: Task, value: unknown): void;
}
