import type { Finding } from '../checker/findings.js';
import * as verdict from '../checker/verdicts.js';
import { Clock, type TimeJumps } from './clock.js';
import { contextTask, runAsTask } from './compat.js';
import { formatDuration } from './duration.js';
import { Fingerprint, hashString } from './fingerprint.js';
import { RaceDetector, type VectorClock, type VarState } from '../checker/race.js';
import { GoFatalError, InterleaveError } from './errors.js';
import { patchHost } from './host-patches.js';
import { realm } from './realm.js';
import { Recorder, type TraceEvent } from './recorder.js';
import type { RecordedChoice } from './replay.js';
import { captureSite } from './site.js';
import type { ChoiceKind, ChoicePoint, Option, StepRecord, Strategy } from './strategy.js';
import { StepLog } from './step-log.js';
import { Task, TaskState, type Performer } from './task.js';
import type { Timer, TimerOwner } from './timers.js';

export type Mode = 'test' | 'program';
export type { TimeJumps } from './clock.js';

export interface RunOptions {
  /** A run past this many steps is a livelock finding. */
  readonly maxSteps: number;
  /** After main returns, how many more steps (test mode) before remaining tasks count as leaked. */
  readonly graceSteps: number;
  /** After main returns, how much more virtual time (ns) before remaining tasks count as leaked. */
  readonly graceTime: number;
  /** `due`: time jumps only when nothing is runnable; `any`: a future timer may fire first. */
  readonly timeJumps: TimeJumps;
  readonly mode: Mode;
  /** Follow tasks through plain promises (see compat.ts). */
  readonly compat: boolean;
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

/** Something with an owning run: every primitive. */
export interface Owned {
  readonly rt: Runtime | null;
  readonly label: string;
}

const never = new Promise<never>(() => {});
const RESOLVED = Promise.resolve();
const AWAITING_REASON = 'await (a promise, not an interleave operation)';

/**
 * One run of one program. Mechanics only: which task runs next is the strategy's business, what an
 * operation means is the primitive's, what a run's end means is the checker's. Exactly one task
 * executes user code at a time; the announcing call makes the next choice synchronously and
 * resolves exactly one promise (direct hand-off).
 */
export class Runtime implements verdict.RunView {
  /** Free mode (scheduler/free.ts): no explorer, no run. */
  readonly free: boolean = false;
  readonly tasks: Task[] = [];
  /** Announced, ready and new tasks, sorted by id (so options are listed in a stable order). */
  private readonly runnable: Task[] = [];
  /**
   * The task whose code is executing. Null between a hand-off and the resumed task's first
   * microtask: an operation called then comes from the announcing task's synchronous tail (two
   * operations in flight at once), which is a misuse we report rather than misattribute.
   */
  current: Task | null = null;
  private next: Task | null = null;
  private readonly enterNext = (): void => {
    this.current = this.next;
    this.next = null;
  };
  steps = 0;
  ended = false;
  private live = 0;
  private main: Task | null = null;
  private mainDone = false;
  private graceLimit = Number.POSITIVE_INFINITY;
  private graceTimeLimit = Number.POSITIVE_INFINITY;
  private readonly clock: Clock;
  /** Reused per step when timers are due: runnable tasks first, then due timers. */
  private readonly mixed: Option[] = [];
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
  private verdictDeferred = false;
  private readonly confirmQuiescence = (): void => {
    if (!this.ended && this.current === null && this.next === null) this.schedule();
  };
  /** Compatibility mode: tasks awaiting a plain promise. */
  private awaiting = 0;
  /**
   * The step at which the microtask queue was last seen drained (by the driver's macrotask). While
   * externals or plain promises may still resume a task, time advances only after such a drain: a
   * settlement already queued happens at the current virtual time, not after the next timer.
   */
  private drainedAt = -1;
  private objectCount = 0;
  private readonly kindCounts = new Map<string, number>();
  private readonly choices: number[] = [];
  private readonly fingerprint = new Fingerprint();
  private readonly point: ChoicePoint = { step: 0, kind: 'task', options: [], last: 0, log: null };
  /** Partial-order reduction's view of the run (only when the strategy asks: see StepRecord). */
  private readonly stepLog: StepLog | null;
  /** The task picked by the previous step (for ChoicePoint.last). */
  private lastTask = 0;
  private finish: ((outcome: RunOutcome) => void) | null = null;
  private restoreHost: (() => void) | null = null;
  /**
   * The task that was mid-segment when the run ended (stuck outside, or unwinding a fatal error).
   * Only it can continue after the end: a late continuation, not a misuse by another run.
   */
  private lateTask: Task | null = null;
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
      this.recorder?.emit(this.steps, 0, 'ClockAdvanced', '', `+${formatDuration(by)}`, null);
      this.onClock?.(now);
    });
  }

  get run(): number {
    return this.options.run;
  }

  /** Virtual time: integer nanoseconds since the run started. */
  get now(): number {
    return this.clock.now;
  }

  /** Runs `main` as task 1 to the end of the run. Resolves; never rejects (failures are findings). */
  execute(main: () => unknown): Promise<RunOutcome> {
    if (realm.rt && !realm.rt.ended) {
      throw new InterleaveError(
        `a run is already in flight in this realm (run ${realm.rt.run}); interleave explores one program ` +
          `at a time per JavaScript realm: await the other exploration first`,
      );
    }
    return new Promise<RunOutcome>((resolve) => {
      this.finish = resolve;
      realm.rt = this;
      this.restoreHost = patchHost(this, this.recorder, this.options.seed, this.options.run);
      this.main = this.spawnTask(null, main, 'main', 'main');
      this.schedule();
    });
  }

  // ── objects ──────────────────────────────────────────────────────────────────────────────────

  /** A fresh object id and its display name (`chan#3`: the third channel of this run). */
  register(kind: string): { id: number; label: string } {
    const n = (this.kindCounts.get(kind) ?? 0) + 1;
    this.kindCounts.set(kind, n);
    const id = ++this.objectCount;
    const label = `${kind}#${n}`;
    this.stepLog?.registered(label, id);
    const creator = this.current;
    // The label too, for synchronous operations, which name their object by it (Fingerprint.touched);
    // not in free mode, where nothing reads the fingerprint and objects come and go for ever.
    this.fingerprint.name(
      id,
      hashString(creator ? creator.objectStableId(kind) : `runtime/${kind}#${n}`),
      this.free ? null : label,
    );
    return { id, label };
  }

  // ── tasks ────────────────────────────────────────────────────────────────────────────────────

  /** `go(fn, name)`: a new runnable task. Synchronous; not a switch point. */
  spawn(fn: () => unknown, name: string): Task | null {
    const parent = this.caller('go');
    if (parent === null) return null;
    const taskName = name || parent.anonymousChildName();
    return this.spawnTask(parent, fn, taskName, parent.childStableId(taskName));
  }

  /**
   * A task started by the runtime on behalf of `parentId` (a timer's callback): Go's
   * `time.AfterFunc` runs its function in its own goroutine.
   */
  spawnFor(parentId: number, fn: () => unknown, name: string, hb?: VectorClock | null): Task {
    const parent = this.tasks[parentId - 1] ?? this.main!;
    return this.spawnTask(parent, fn, name, parent.childStableId(name), hb);
  }

  /**
   * `hb` (a timer's callback): the clock the new task starts from instead of its parent's, for a
   * task the runtime starts on the parent's behalf later (Go starts it from the timer's goroutine).
   */
  private spawnTask(
    parent: Task | null,
    fn: () => unknown,
    name: string,
    stableId: string,
    hb?: VectorClock | null,
  ): Task {
    const t = new Task(this.tasks.length + 1, name, parent, stableId, fn);
    this.tasks.push(t);
    this.stepLog?.spawned(t);
    this.live++;
    // Starting a task is a resume like any other: user code never runs on the runtime's stack.
    new Promise((resolve) => {
      t.resolve = resolve;
    }).then(
      () => (this.options.compat ? runAsTask(t, () => this.runTask(t)) : this.runTask(t)),
      () => {},
    );
    this.insertRunnable(t);
    if (this.race) {
      if (hb !== undefined) this.race.start(t.id, hb);
      else if (parent) this.race.spawn(parent.id, t.id);
    }
    if (this.recorder) {
      t.spawnSite = parent ? captureSite() : null;
      this.recorder.emit(this.steps, parent?.id ?? 0, 'TaskSpawned', t.label, '', t.spawnSite);
    }
    return t;
  }

  private runTask(t: Task): void {
    let r: unknown;
    try {
      r = t.fn!();
    } catch (e) {
      this.taskFailed(t, e);
      return;
    }
    if (r !== null && typeof r === 'object' && typeof (r as PromiseLike<unknown>).then === 'function') {
      (r as PromiseLike<unknown>).then(
        () => this.taskDone(t),
        (e: unknown) => this.taskFailed(t, e),
      );
    } else {
      this.taskDone(t);
    }
  }

  private taskDone(t: Task): void {
    if (this.ended || t.state === TaskState.Done) return;
    if (t.state === TaskState.Announced || t.state === TaskState.Blocked) {
      // It returned without awaiting its operation (`void ch.send(v)`): nobody would ever see the
      // operation's outcome, and Go has no such thing. Say so instead of guessing.
      this.endRun(verdict.floatingOperation(this, t));
      return;
    }
    if (t.state === TaskState.Awaiting) this.awaiting--;
    if (t.state === TaskState.Ready) this.removeRunnable(t);
    t.state = TaskState.Done;
    this.live--;
    this.race?.finished(t.id);
    if (this.current === t) this.current = null;
    if (this.next === t) this.next = null;
    this.recorder?.emit(this.steps, t.id, 'TaskFinished', '', '', null);
    if (t === this.main) {
      this.mainDone = true;
      this.graceLimit = this.steps + this.options.graceSteps;
      this.graceTimeLimit = this.clock.now + this.options.graceTime;
    }
    this.kick();
  }

  private taskFailed(t: Task, error: unknown): void {
    if (this.ended) return;
    if (this.mainDone && this.options.mode === 'program') {
      // Go's program has exited by now: a panic after main returned never happens.
      this.endRun(null);
      return;
    }
    this.recorder?.emit(this.steps, t.id, 'TaskPanicked', '', verdict.describeThrown(error), t.site);
    // Stacks only while recording: the exploring run's finding is rebuilt by the replay anyway.
    this.endRun(verdict.panicked(this, t, error, this.recorder !== null));
  }

  /**
   * The task whose code called an operation. In compatibility mode that is whichever task async
   * context says, and a task resumed by a plain promise rejoins the run here.
   */
  private callingTask(): Task | null {
    if (!this.options.compat) return this.current;
    const t = contextTask();
    if (t === undefined || t.state === TaskState.Done) return null;
    if (t.state === TaskState.Awaiting) {
      this.awaiting--;
      t.state = TaskState.Running;
      return t;
    }
    // Resumed but its continuation has not run yet: this call comes from the synchronous tail of
    // the code that announced (two operations in flight, as with Promise.race over operations).
    return t.state === TaskState.Running && t !== this.next ? t : null;
  }

  /** The task calling a synchronous operation; null (and the run ended) on misuse. */
  caller(opName: string, label = ''): Task | null {
    if (this !== realm.rt || this.ended) {
      this.foreign(label || opName, opName);
      return null;
    }
    const t = this.callingTask();
    if (t === null) {
      if (!this.ended) this.endRun(verdict.misuse(this, opName));
      return null;
    }
    if (this.recorder) t.site = captureSite();
    if (label) {
      this.stepLog?.touched(label);
      // Coverage follows DPOR's dependency relation: synchronous operations count (fingerprint.ts).
      this.fingerprint.touched(label, t.hash, opName);
    }
    return t;
  }

  /**
   * The task making a plain memory access to a tracked object, or null when the access is not
   * watched: no detector, a finished run's object, or code that runs outside any task. Unlike
   * `caller`, never a misuse: a test reading a tracked result after its run is ordinary code.
   */
  accessor(label: string): Task | null {
    if (this.race === null || this !== realm.rt || this.ended) return null;
    const t = this.callingTask();
    if (t === null) return null;
    if (this.recorder) t.site = captureSite();
    if (this.stepLog) this.stepLog.touched(label);
    this.fingerprint.accessed(label, t.hash); // coverage, as DPOR sees it (fingerprint.ts)
    return t;
  }

  // ── operations ───────────────────────────────────────────────────────────────────────────────

  /**
   * A blocking operation of the current task: a switch point. Returns the promise the task awaits;
   * it is resolved only when the strategy picks the task again after the operation completed.
   */
  announce(target: Performer, op: number, arg: unknown, opName: string): Promise<any> {
    if (this !== realm.rt || this.ended) {
      this.foreign(target.label, opName);
      return never;
    }
    const t = this.callingTask();
    if (t === null) {
      if (!this.ended) this.endRun(verdict.misuse(this, opName));
      return never;
    }
    t.target = target;
    t.op = op;
    t.arg = arg;
    t.opName = opName;
    t.state = TaskState.Announced;
    if (this.recorder) t.site = captureSite();
    const p = new Promise((resolve, reject) => {
      t.resolve = resolve;
      t.reject = reject;
    });
    if (this.current === t) this.current = null;
    this.insertRunnable(t);
    this.kick();
    return p;
  }

  /** Completes a parked task's operation (by a partner): the task becomes ready, not running. */
  wake(t: Task, value: unknown): void {
    this.stepLog?.woke(t);
    if (t.target !== null) this.fingerprint.woke(t.target.footprint(t)); // coverage (fingerprint.ts)
    t.result = value;
    t.state = TaskState.Ready;
    t.target = null;
    this.insertRunnable(t);
  }

  /** Completes a parked task's operation with a panic (a close waking blocked senders). */
  wakeFailure(t: Task, error: unknown): void {
    this.stepLog?.woke(t);
    if (t.target !== null) this.fingerprint.woke(t.target.footprint(t)); // coverage (fingerprint.ts)
    t.setFailure(error);
    t.state = TaskState.Ready;
    t.target = null;
    this.insertRunnable(t);
  }

  /**
   * Makes a parked task announced again instead of completing its operation: the task is runnable,
   * and when the strategy picks it its `target.perform` runs once more (the primitive may have
   * changed `t.op` to say "this is a retry"). For wake-ups that grant nothing but a chance to retry:
   * Go's Mutex.Unlock wakes a waiter that then competes with any task calling Lock before it runs.
   */
  rearm(t: Task): void {
    this.stepLog?.rearmed(t);
    t.state = TaskState.Announced;
    this.insertRunnable(t);
  }

  /**
   * Step on if no task is executing or about to: after a task announced or finished, or when
   * something outside the run (external work) made a task ready.
   */
  kick(): void {
    if (!this.ended && this.current === null && this.next === null) this.schedule();
  }

  /** A strategy choice among the ready cases of a select (or other non-task options). */
  chooseAmong(kind: ChoiceKind, options: readonly Option[]): number {
    return options.length === 1 ? 0 : this.choose(kind, options);
  }

  /** A fatal error (Go's `fatal error: ...`): ends the run at once; the throw only unwinds. */
  fatal(message: string, t: Task | null = this.current): never {
    this.recorder?.emit(this.steps, t?.id ?? 0, 'FatalError', '', message, t?.site ?? null);
    if (!this.ended) this.endRun(verdict.fatal(this, t, message));
    throw new GoFatalError(message);
  }

  /**
   * A macrotask ran while the run was in flight: the microtask queue drained with no task moving.
   * Returns whether the run goes on (the driver keeps watching). Without compatibility mode the
   * executing task awaits something outside the run. In compatibility mode, tasks still executing
   * await plain promises: they are parked and stepping goes on, until nothing at all can settle them.
   */
  macrotask(): boolean {
    if (this.ended) return false;
    const idle = this.current === null && this.next === null;
    this.drainedAt = this.steps;
    if (this.exploreRequested && !idle) {
      this.endRun(verdict.nestedExplore(this, this.current ?? this.next));
      return false;
    }
    if (!this.options.compat) {
      if (!idle || this.externalsPending === 0) {
        this.endRun(verdict.outsideAwait(this, this.current ?? this.next));
        return false;
      }
      this.schedule(); // time may now pass toward the timers the outside work waits for
      return !this.ended;
    }
    for (const t of this.tasks) {
      if (t.state !== TaskState.Running) continue;
      t.state = TaskState.Awaiting;
      t.waitReason = AWAITING_REASON;
      this.awaiting++;
    }
    this.current = null;
    this.schedule();
    return !this.ended;
  }

  // ── timers ───────────────────────────────────────────────────────────────────────────────────

  /** A timer owned by `owner`, created by the current task (or `creator`). Not yet armed. */
  newTimer(owner: TimerOwner, creator: Task | null = this.current): Timer {
    return this.clock.newTimer(owner, creator);
  }

  /**
   * Arm (or re-arm) `timer` to fire at virtual time `when` (ns); a time in the past is due now.
   * `by` is the task arming it (its clock is released into the timer's); null for the runtime's own
   * re-arming of a periodic timer.
   */
  armTimer(timer: Timer, when: number, by: Task | null = this.current): void {
    if (this.race !== null && by !== null) this.race.release(by.id, (timer.hb ??= new Map()));
    this.clock.arm(timer, when);
  }

  /** Disarm `timer`; true if it was armed (it had not fired or been stopped). */
  disarmTimer(timer: Timer): boolean {
    return this.clock.disarm(timer);
  }

  private fireTimer(timer: Timer): void {
    this.clock.take(timer);
    this.recorder?.emit(this.steps, timer.task, 'TimerFired', timer.owner.label, '', null);
    timer.owner.fire(timer);
  }

  // ── the step loop ────────────────────────────────────────────────────────────────────────────

  /**
   * Pick and perform until one task is resumed or the run ends. A pick whose operation cannot
   * complete blocks that task and loops without a hop; so does a timer firing.
   */
  private schedule(): void {
    const runnable = this.runnable;
    for (;;) {
      if (this.ended) return;
      const n = runnable.length;
      const due = this.clock.size === 0 ? null : this.clock.due(n);
      if (n === 0 && due === null) {
        if (this.quiescent()) continue;
        return;
      }
      if (this.steps >= this.graceLimit) {
        this.graceExpired();
        return;
      }
      if (this.steps >= this.options.maxSteps) {
        this.endRun(verdict.livelock(this, this.options.maxSteps));
        return;
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
          this.stepLog?.timerStep(timer);
          this.fingerprint.fired(hashString(timer.stableId), timer.owner.footprint()); // coverage
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
      if (t.state === TaskState.Announced) t.spinning = false; // a spinning operation sets it again
      this.fingerprint.step(t.hash);
      if (t.state === TaskState.Announced) {
        // Coverage: the objects this operation touches, in order, per object (fingerprint.ts).
        for (const a of t.target!.footprint(t)) this.fingerprint.record(a.obj, t.hash, t.opName);
      }
      if (t.state === TaskState.Announced && !t.target!.perform(t)) {
        if (this.ended) return;
        t.state = TaskState.Blocked;
        if (this.recorder) {
          const what = t.target?.describe?.(t);
          if (what) this.recorder.emit(this.steps, t.id, 'SelectWaits', t.target!.label, what, t.site);
          this.recorder.emit(this.steps, t.id, 'TaskBlocked', t.target?.label ?? '', t.waitReason, t.site);
        }
        continue;
      }
      if (this.ended) return;
      this.resume(t);
      return;
    }
  }

  /**
   * `interleave replay --break-at N`: a debugger attached (an IDE's debug terminal, --inspect) stops
   * here, before step N. Step into `t.target.perform` to see the operation performed, or step out
   * and over the resume to follow the task's own code from its await.
   */
  private pause(t: Task): void {
    const step = this.steps + 1;
    const task = `${t.label} — ${t.opName || 'start'}${t.target ? ` on ${t.target.label}` : ''}${t.site ? ` at ${t.site}` : ''}`;
    void step;
    void task;
    debugger;
  }

  private resume(t: Task): void {
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

  private choose(kind: ChoiceKind, options: readonly Option[]): number {
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

  private removeRunnable(t: Task): void {
    const r = this.runnable;
    const i = r.indexOf(t);
    if (i < 0) return;
    for (let j = i + 1; j < r.length; j++) r[j - 1] = r[j]!;
    r.pop();
  }

  private insertRunnable(t: Task): void {
    const r = this.runnable;
    let i = r.length;
    r.push(t);
    while (i > 0 && r[i - 1]!.id > t.id) {
      r[i] = r[i - 1]!;
      i--;
    }
    r[i] = t;
  }

  // ── ends of runs ─────────────────────────────────────────────────────────────────────────────

  /**
   * Nothing is runnable. Returns true if something was woken and stepping should go on; false when
   * the run ended, or when it must wait (a plain promise or outside work may still move a task).
   */
  private quiescent(): boolean {
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

  private graceExpired(): void {
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
   * dropped (the operation never completes), with one warning per run.
   */
  private foreign(label: string, opName: string): void {
    const live = realm.rt;
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
    if (realm.warnedLate !== this.exploration) {
      realm.warnedLate = this.exploration;
      process.emitWarning(
        `a task of a finished run (run ${this.run}) called ${opName} on ${label}; the run is over, so the ` +
          `operation never completes (Go never resumes other goroutines after exit)`,
        'InterleaveWarning',
      );
    }
  }

  private endRun(finding: Finding | null): void {
    if (this.ended) return;
    this.ended = true;
    this.lateTask = this.current ?? this.next;
    this.restoreHost?.();
    this.restoreHost = null;
    if (realm.rt === this) realm.rt = null;
    realm.last = this;
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

  private hostTimerPending(): boolean {
    for (const h of this.hostTimers.values()) if (h.hasRef()) return true;
    return false;
  }

  /** A read of a watched variable by `t`: a race ends the run with its finding. */
  raceRead(t: Task, v: VarState): void {
    const r = this.race?.read(t.id, v, t.site);
    if (r) this.endRun(verdict.race(this, r));
  }

  /** A write of a watched variable by `t`. */
  raceWrite(t: Task, v: VarState): void {
    const r = this.race?.write(t.id, v, t.site);
    if (r) this.endRun(verdict.race(this, r));
  }

  /** End the run with `finding` (a misuse detected outside the runtime: an object of free mode used here). */
  abort(finding: Finding): void {
    this.endRun(finding);
  }

  /** Tasks runnable right now (announced, ready or new), not counting one being performed. */
  get runnableCount(): number {
    return this.runnable.length;
  }

  /** Number of tasks that have not finished (Go's runtime.NumGoroutine). */
  get liveTasks(): number {
    return this.live;
  }
}

export { describeThrown } from '../checker/verdicts.js';
