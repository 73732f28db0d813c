import type { Finding, FindingKind, TaskSnapshot } from '../checker/findings.js';
import { Fatal } from '../primitives/go-texts.js';
import { GoFatalError, GoPanic, InterleaveError } from './errors.js';
import { realm } from './realm.js';
import type { RecordedChoice } from './replay.js';
import { Rng } from './rng.js';
import { captureSite, userStack } from './site.js';
import type { ChoiceKind, ChoicePoint, Option, Strategy } from './strategy.js';
import { Task, TaskState, type Performer } from './task.js';
import { Recorder, type TraceEvent } from './recorder.js';
import { formatDuration } from './duration.js';
import { Timer, TimerHeap, type TimerOwner } from './timers.js';

export type Mode = 'test' | 'program';
export type TimeJumps = 'due' | 'any';

export interface RunOptions {
  /** A run past this many steps is a livelock finding. */
  readonly maxSteps: number;
  /** After main returns, how many more steps (test mode) before remaining tasks count as leaked. */
  readonly graceSteps: number;
  /** After main returns, how much more virtual time (ns) before remaining tasks count as leaked. */
  readonly graceTime: number;
  /**
   * `due` (default): the clock jumps to the next timer only when nothing is runnable. `any`: the
   * strategy may also fire the earliest future timer ahead of runnable tasks (a timeout beating
   * CPU-bound work).
   */
  readonly timeJumps: TimeJumps;
  readonly mode: Mode;
  /** Record events and source sites (replays of failing schedules only: it captures stacks). */
  readonly record: boolean;
  /** Seeds `Math.random` for the run. */
  readonly seed: number;
  readonly run: number;
}

export interface RunOutcome {
  readonly finding: Finding | null;
  readonly steps: number;
  /** The index taken at each choice point. */
  readonly choices: readonly number[];
  /** Recording only: the choices by stable id, and the events. */
  readonly recordedChoices: readonly RecordedChoice[] | null;
  readonly events: readonly TraceEvent[] | null;
}

/** Something with an owning run: every primitive. */
export interface Owned {
  readonly rt: Runtime | null;
  readonly label: string;
}

const never = new Promise<never>(() => {});
const RESOLVED = Promise.resolve();

/**
 * One run of one program. Mechanics only: which task runs next is the strategy's business, what an
 * operation means is the primitive's. Exactly one task executes user code at a time; the announcing
 * call makes the next choice synchronously and resolves exactly one promise (direct hand-off).
 */
export class Runtime {
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
  /** Virtual time: integer nanoseconds since the run started. */
  now = 0;
  private readonly timers = new TimerHeap();
  private timerSeq = 0;
  /** Reused per step when timers are due: runnable tasks first, then due timers. */
  private readonly mixed: Option[] = [];
  private readonly due: Timer[] = [];
  /** Told whenever the clock moves (the faked Date/performance follow it). */
  onClock: ((now: number) => void) | null = null;
  private objectCount = 0;
  private readonly kindCounts = new Map<string, number>();
  private readonly choices: number[] = [];
  private readonly point: ChoicePoint = { step: 0, kind: 'task', options: [] };
  private finish: ((outcome: RunOutcome) => void) | null = null;
  private savedRandom: (() => number) | null = null;
  private warnedLate = false;
  /**
   * The task that was mid-segment when the run ended (stuck outside, or unwinding a fatal error).
   * Only it can continue after the end: a late continuation, not a misuse by another run.
   */
  private lateTask: Task | null = null;
  /** A task waiting in settle(): woken when nothing else can move. */
  settler: Task | null = null;
  readonly recorder: Recorder | null;

  constructor(
    readonly strategy: Strategy,
    readonly options: RunOptions,
  ) {
    this.recorder = options.record ? new Recorder() : null;
  }

  get run(): number {
    return this.options.run;
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
      // Built on first use: most programs never call Math.random, and an Rng costs 16 mixes.
      let rng: Rng | null = null;
      const { seed, run } = this.options;
      this.savedRandom = Math.random;
      Math.random = () => (rng ??= new Rng(seed, run + 0x5eed)).nextFloat();
      this.main = this.spawnTask(null, main, 'main', 'main');
      this.schedule();
    });
  }

  // ── objects ──────────────────────────────────────────────────────────────────────────────────

  /** A fresh object id and its display name (`chan#3`: the third channel of this run). */
  register(kind: string): { id: number; label: string } {
    const n = (this.kindCounts.get(kind) ?? 0) + 1;
    this.kindCounts.set(kind, n);
    return { id: ++this.objectCount, label: `${kind}#${n}` };
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
  spawnFor(parentId: number, fn: () => unknown, name: string): Task {
    const parent = this.tasks[parentId - 1] ?? this.main!;
    return this.spawnTask(parent, fn, name, parent.childStableId(name));
  }

  private spawnTask(parent: Task | null, fn: () => unknown, name: string, stableId: string): Task {
    const t = new Task(this.tasks.length + 1, name, parent, stableId, fn);
    this.tasks.push(t);
    this.live++;
    // Starting a task is a resume like any other: user code never runs on the runtime's stack.
    new Promise((resolve) => {
      t.resolve = resolve;
    }).then(
      () => this.runTask(t),
      () => {},
    );
    this.insertRunnable(t);
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
    t.state = TaskState.Done;
    this.live--;
    if (this.current === t) this.current = null;
    this.recorder?.emit(this.steps, t.id, 'TaskFinished', '', '', null);
    if (t === this.main) {
      this.mainDone = true;
      this.graceLimit = this.steps + this.options.graceSteps;
      this.graceTimeLimit = this.now + this.options.graceTime;
    }
    this.schedule();
  }

  private taskFailed(t: Task, error: unknown): void {
    if (this.ended) return;
    if (this.mainDone && this.options.mode === 'program') {
      // Go's program has exited by now: a panic after main returned never happens.
      this.endRun(null);
      return;
    }
    const text = error instanceof GoPanic ? error.goMessage : describeThrown(error);
    this.recorder?.emit(this.steps, t.id, 'TaskPanicked', '', text, t.site);
    // Stacks only while recording: the exploring run's finding is rebuilt by the replay anyway.
    const stack = this.recorder ? panicStack(error, t) : null;
    this.endRun(this.finding('panic', `panic: ${text}`, `${t.label} panicked: ${text}`, t.id, stack));
  }

  /** The task calling a synchronous operation; null (and the run ended) on misuse. */
  caller(opName: string, label = ''): Task | null {
    if (this !== realm.rt || this.ended) {
      this.foreign(label || opName, opName);
      return null;
    }
    const t = this.current;
    if (t === null) {
      this.misuse(opName);
      return null;
    }
    if (this.recorder) t.site = captureSite();
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
    const t = this.current;
    if (t === null) {
      this.misuse(opName);
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
    this.current = null;
    this.insertRunnable(t);
    this.schedule();
    return p;
  }

  /** Completes a parked task's operation (by a partner): the task becomes ready, not running. */
  wake(t: Task, value: unknown): void {
    t.result = value;
    t.state = TaskState.Ready;
    t.target = null;
    this.insertRunnable(t);
  }

  /** Completes a parked task's operation with a panic (a close waking blocked senders). */
  wakeFailure(t: Task, error: unknown): void {
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
    t.state = TaskState.Announced;
    this.insertRunnable(t);
  }

  /** A strategy choice among the ready cases of a select (or other non-task options). */
  chooseAmong(kind: ChoiceKind, options: readonly Option[]): number {
    return options.length === 1 ? 0 : this.choose(kind, options);
  }

  /** A fatal error (Go's `fatal error: ...`): ends the run at once; the throw only unwinds. */
  fatal(message: string, t: Task | null = this.current): never {
    this.recorder?.emit(this.steps, t?.id ?? 0, 'FatalError', '', message, t?.site ?? null);
    if (!this.ended) {
      this.endRun(
        this.finding(
          'panic',
          `fatal error: ${message}`,
          `${t?.label ?? 'a task'}: ${message}`,
          t?.id ?? null,
          null,
        ),
      );
    }
    throw new GoFatalError(message);
  }

  /** Called when nothing ran for a whole macrotask while the run was in flight (the setImmediate rule). */
  outsideAwait(): void {
    if (this.ended) return;
    const t = this.current ?? this.next;
    const who = t ? t.label : 'a task';
    const where = t?.site ? ` after its operation at ${t.site}` : '';
    this.endRun(
      this.finding(
        'error',
        `outside await: ${who} is waiting on something interleave does not control${where}`,
        `${who} awaited a promise that no interleave operation will settle (a real timer, I/O, or a promise ` +
          `resolved outside the program). Under the explorer every wait must be an interleave operation: ` +
          `use time.sleep/after for delays, and channels instead of plain promises between tasks`,
        t?.id ?? null,
        null,
      ),
    );
  }

  // ── timers ───────────────────────────────────────────────────────────────────────────────────

  /** A timer owned by `owner`, created by the current task (or `creator`). Not yet armed. */
  newTimer(owner: TimerOwner, creator: Task | null = this.current): Timer {
    const stableId = creator ? creator.timerStableId() : `runtime@timer${this.timerSeq + 1}`;
    return new Timer(owner, stableId, creator?.id ?? 0);
  }

  /** Arm (or re-arm) `timer` to fire at virtual time `when` (ns); a time in the past is due now. */
  armTimer(timer: Timer, when: number): void {
    if (timer.scheduled) this.timers.remove(timer);
    timer.when = Math.max(Math.floor(when), this.now);
    timer.seq = ++this.timerSeq;
    this.timers.push(timer);
  }

  /** Disarm `timer`; true if it was armed (it had not fired or been stopped). */
  disarmTimer(timer: Timer): boolean {
    if (!timer.scheduled) return false;
    this.timers.remove(timer);
    return true;
  }

  /**
   * Due timers compete with runnable tasks; null when none is due (the fast path). With
   * `timeJumps: 'any'` the earliest future pending timer is an option too.
   */
  private dueTimers(): Timer[] | null {
    const first = this.timers.peek();
    if (first === undefined) return null;
    const any = this.options.timeJumps === 'any';
    if (first.when > this.now && !any) return null;
    const due = this.due;
    due.length = 0;
    this.timers.due(this.now, due);
    // A due timer nobody waits on is not an option: Go 1.23 runs channel timers lazily, when a
    // receive looks at their channel (the primitive does that), so only pending ones compete.
    let k = 0;
    for (const t of due) if (t.owner.pending(t)) due[k++] = t;
    due.length = k;
    if (any && this.runnable.length > 0) {
      const next = this.timers.nextPending();
      if (next && next.when > this.now) due.push(next);
    }
    return due.length > 0 ? due : null;
  }

  private fireTimer(timer: Timer): void {
    if (timer.when > this.now) this.advanceClock(timer.when);
    this.timers.remove(timer);
    this.recorder?.emit(this.steps, timer.task, 'TimerFired', timer.owner.label, '', null);
    timer.owner.fire(timer);
  }

  private advanceClock(when: number): void {
    this.recorder?.emit(this.steps, 0, 'ClockAdvanced', '', `+${formatDuration(when - this.now)}`, null);
    this.now = when;
    this.onClock?.(when);
  }

  // ── the step loop ────────────────────────────────────────────────────────────────────────────

  /**
   * Pick and perform until one task is resumed or the run ends. A pick whose operation cannot
   * complete blocks that task and loops without a hop.
   */
  private schedule(): void {
    const runnable = this.runnable;
    for (;;) {
      if (this.ended) return;
      const n = runnable.length;
      const due = this.timers.size === 0 ? null : this.dueTimers();
      if (n === 0 && due === null) {
        if (this.quiescent()) continue;
        return;
      }
      if (this.steps >= this.graceLimit) {
        this.graceExpired();
        return;
      }
      if (this.steps >= this.options.maxSteps) {
        this.stepLimit();
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
          this.steps++;
          this.fireTimer(due[i - n]!);
          continue;
        }
      }
      if (this.ended) return;
      const t = runnable[i]!;
      // Out of the runnable set before performing: completing the operation may wake partners,
      // which insert themselves and shift indices.
      for (let j = i + 1; j < n; j++) runnable[j - 1] = runnable[j]!;
      runnable.pop(); // not splice, not length =: both are slow runtime calls in V8
      this.steps++;
      if (t.state === TaskState.Announced && !t.target!.perform(t)) {
        if (this.ended) return;
        t.state = TaskState.Blocked;
        this.recorder?.emit(this.steps, t.id, 'TaskBlocked', t.target?.label ?? '', t.waitReason, t.site);
        continue;
      }
      if (this.ended) return;
      this.resume(t);
      return;
    }
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
    let i: number;
    try {
      i = this.strategy.choose(p);
    } catch (e) {
      this.endRun(this.finding('error', describeThrown(e), describeThrown(e), null, null));
      return 0;
    }
    if (!(i >= 0 && i < options.length)) i = 0;
    this.choices.push(i);
    this.recorder?.choices.push({ step: this.steps, kind, id: options[i]!.stableId });
    return i;
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

  /** Nothing is runnable. Returns true if something was woken and stepping should go on. */
  private quiescent(): boolean {
    if (this.settler) {
      const s = this.settler;
      this.settler = null;
      this.wake(s, undefined);
      return true;
    }
    const next = this.timers.size === 0 ? null : this.timers.nextPending();
    if (next) {
      // Nothing can move until the next timer: time passes (synctest's "durably blocked").
      if (this.mainDone && next.when > this.graceTimeLimit) {
        this.graceExpired();
        return false;
      }
      this.advanceClock(next.when);
      return true;
    }
    if (!this.mainDone) {
      this.endRun(
        this.finding(
          'deadlock',
          `fatal error: ${Fatal.deadlock}`,
          `every task is blocked: ${this.blockedSummary()}`,
          null,
          null,
        ),
      );
    } else if (this.live > 0) {
      this.endRun(
        this.finding(
          'leak',
          `leak: ${plural(this.live, 'task')} blocked forever after main returned`,
          `blocked forever: ${this.blockedSummary()}`,
          null,
          null,
        ),
      );
    } else {
      this.endRun(null);
    }
    return false;
  }

  private graceExpired(): void {
    if (this.options.mode === 'program') {
      this.endRun(null);
      return;
    }
    this.endRun(
      this.finding(
        'leak',
        `leak: ${plural(this.live, 'task')} still alive ${this.graceDescription()} after main returned`,
        `still alive after main returned: ${this.blockedSummary()}; make every task exit before main ` +
          `returns (close its input, cancel its context, or wait for it)`,
        null,
        null,
      ),
    );
  }

  /** Which grace bound ran out: steps, or virtual time. */
  private graceDescription(): string {
    return this.steps >= this.graceLimit
      ? `${this.options.graceSteps} steps`
      : `${formatDuration(this.options.graceTime)} (virtual)`;
  }

  private stepLimit(): void {
    this.endRun(
      this.finding(
        'livelock',
        `livelock: exceeded maxSteps (${this.options.maxSteps}) in run ${this.run}`,
        `exceeded maxSteps (${this.options.maxSteps}) in run ${this.run}: a task may be spinning without ` +
          `blocking; add a yield in the loop or raise maxSteps`,
        null,
        null,
      ),
    );
  }

  private misuse(opName: string): void {
    const msg =
      `${opName}() was called while this task's previous operation was still pending (for example ` +
      `Promise.race or Promise.all over channel operations), or by code resumed by a plain promise that ` +
      `another task resolved. A task performs one operation at a time: await each one, use select() to ` +
      `wait on several, and channels (not plain promises) between tasks`;
    if (!this.ended) this.endRun(this.finding('error', `error: ${msg}`, msg, null, null));
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
    if (live && live !== this && !live.ended && live.current && this.lateTask === null) {
      const msg =
        `${label} belongs to run ${this.run} but ${live.current.label} of run ${live.run} called ${opName} on it: ` +
        `primitives cannot be shared between runs; create them inside the program (not at module level or ` +
        `in a variable kept between runs)`;
      live.endRun(live.finding('error', `error: ${msg}`, msg, live.current.id, null));
      return;
    }
    if (!this.warnedLate) {
      this.warnedLate = true;
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
    if (this.savedRandom) Math.random = this.savedRandom;
    if (realm.rt === this) realm.rt = null;
    const finish = this.finish;
    this.finish = null;
    finish?.({
      finding,
      steps: this.steps,
      choices: this.choices,
      recordedChoices: this.recorder?.choices ?? null,
      events: this.recorder?.events ?? null,
    });
  }

  // ── reporting helpers ────────────────────────────────────────────────────────────────────────

  private finding(
    kind: FindingKind,
    message: string,
    summary: string,
    task: number | null,
    stack: string | null,
  ): Finding {
    return { kind, message, summary, tasks: this.snapshot(), task, stack, step: this.steps };
  }

  /** The live tasks, for dumps. */
  snapshot(): TaskSnapshot[] {
    const out: TaskSnapshot[] = [];
    for (const t of this.tasks) {
      if (t.state === TaskState.Done) continue;
      out.push({
        id: t.id,
        name: t.name,
        stableId: t.stableId,
        state: snapshotState(t),
        waitReason: t.state === TaskState.Blocked ? t.waitReason : t.opName,
        site: t.site,
        spawnSite: t.spawnSite,
        parent: t.parent?.id ?? null,
        parentName: t.parent?.name ?? null,
      });
    }
    return out;
  }

  private blockedSummary(): string {
    const parts: string[] = [];
    for (const t of this.tasks) {
      if (t.state === TaskState.Done) continue;
      const what =
        t.state === TaskState.Blocked ? `[${t.waitReason}] on ${t.target?.label ?? '?'}` : 'running';
      parts.push(`${t.label} ${what}`);
    }
    return parts.join('; ');
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

function snapshotState(t: Task): TaskSnapshot['state'] {
  switch (t.state) {
    case TaskState.Blocked:
      return 'blocked';
    case TaskState.New:
      return 'new';
    case TaskState.Running:
      return 'running';
    default:
      return 'runnable';
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function describeThrown(e: unknown): string {
  if (e instanceof GoPanic) return e.goMessage;
  if (e instanceof InterleaveError) return e.message;
  if (e instanceof Error) return e.name === 'Error' ? e.message : `${e.name}: ${e.message}`;
  return String(e);
}

/**
 * Where the panic happened. A Go panic raised by an operation (a send woken by a close) carries the
 * stack of whoever woke it, so the task's own operation site is the truthful frame; any other error
 * carries its own stack.
 */
function panicStack(e: unknown, t: Task): string | null {
  if (e instanceof GoPanic) return t.site ? `${t.opName || 'operation'}()\n\t${t.site}` : null;
  return e instanceof Error && e.stack ? userStack(e.stack) || null : null;
}
