import type { Finding } from '../checker/findings.js';
import * as verdict from '../checker/verdicts.js';
import type { RunFacts } from '../checker/verdicts.js';
import { contextTask } from './compat.js';
import type { Run } from './contract.js';
import { newClock, type RaceDetector, type VarState, type VectorClock } from './happens-before/race.js';
import { GoFatalError, InterleaveError } from '../base/errors.js';
import type { HostTimerHandle } from './host-bridge.js';
import { noteLateCall } from './late-calls.js';
import { ObjectRegistry, type Registered } from './objects.js';
import { realm } from './realm.js';
import type { Recorder } from './recorder.js';
import { afterRun, watchRejections } from './rejections.js';
import { macrotaskTurn } from './macrotask-turn.js';
import { RunLoop } from './run-loop.js';
import { DEFAULT_AWAIT_POINTS, type RunOptions, type RunOutcome } from './run-options.js';
import { brandRuntimeClass } from './runtime-brand.js';
import { captureSite } from '../base/site.js';
import { taskFacts } from './snapshot.js';
import { CLOCK_OBJECT } from './step-log.js';
import type { ChoiceKind, Option, Strategy } from '../strategies/strategy.js';
import { TaskState, type Performer, type Task } from './task.js';
import { spawnTask } from './task-life.js';
import { never, operationPromise } from './operation-promise.js';
import type { Timer, TimerOwner } from './timers.js';

/**
 * What a run patches in the host while it is in flight (Math.random, crypto, the console: the host
 * layer's patchHost), given by whoever makes the run; returns the function that puts the host back.
 * Injected so that the runtime knows nothing of the host.
 */
export type HostInstaller = (rt: ExplorerRuntime) => () => void;

/**
 * One run of one program under the explorer: the runtime contract (contract.ts) over the run's step
 * loop (run-loop.ts). Mechanics only: which task runs next is the strategy's business, what an
 * operation means is the primitive's, what a run's end means is the checker's. Exactly one task
 * executes user code at a time; the announcing call makes the next choice synchronously and resolves
 * exactly one promise (direct hand-off). Its collaborators: the loop (tasks, steps, ends), the
 * object registry, the recorder and the host bridge (the loop's), and the host installer.
 */
export class ExplorerRuntime implements Run {
  readonly free = false;
  readonly fastPath = null;
  /** The step loop, and the run's hot state. */
  readonly loop: RunLoop;
  private readonly objects: ObjectRegistry;
  /** The loop's recorder and race detector, as fields: primitives read them on every operation. */
  readonly recorder: Recorder | null;
  readonly race: RaceDetector | null;
  /** explore() was called while this run was in flight (nesting, or a concurrent test). */
  exploreRequested = false;
  /** The exploration this run belongs to (realm.exploration when it was made). */
  readonly exploration = realm.exploration;
  /** A call's outside work (scheduled(), external()) was started in this run: what settles it, and when, the explorer does not see. */
  externalWork = false;
  /** Plain awaits that were switch points in this run (what happens between them is plain state). */
  awaitPointsTaken = 0;

  awaitPointTaken(): void {
    this.awaitPointsTaken++;
  }

  constructor(
    readonly strategy: Strategy,
    readonly options: RunOptions,
    private readonly installHost: HostInstaller,
  ) {
    this.loop = new RunLoop(strategy, options);
    this.recorder = this.loop.recorder;
    this.race = this.loop.race;
    this.objects = new ObjectRegistry(this.loop.fingerprint);
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
      const loop = this.loop;
      // The run's unhandled rejections are its findings (rejections.ts).
      watchRejections(this);
      loop.finish = (outcome) => afterRun(this, outcome, resolve);
      realm.rt = this;
      loop.host.install(() => this.installHost(this));
      loop.onEnd = () => {
        if (realm.rt === this) realm.rt = null;
        realm.last = this;
      };
      loop.main = spawnTask(loop, null, main, 'main', 'main');
      loop.schedule();
    });
  }

  // ── what primitives read ─────────────────────────────────────────────────────────────────────

  get run(): number {
    return this.options.run;
  }
  get awaitPoints(): number {
    return this.options.awaitPoints ?? DEFAULT_AWAIT_POINTS;
  }
  get steps(): number {
    return this.loop.steps;
  }
  get ended(): boolean {
    return this.loop.ended;
  }
  get current(): Task | null {
    return this.loop.current;
  }
  get settler(): Task | null {
    return this.loop.settler;
  }
  /** Tasks runnable right now (announced, ready or new), not counting one being performed. */
  get runnableCount(): number {
    return this.loop.runnable.length;
  }
  /** Number of tasks that have not finished (Go's runtime.NumGoroutine). */
  get liveTasks(): number {
    return this.loop.live;
  }

  /**
   * Virtual time: integer nanoseconds since the run started. Reading it (time.now(), arming a
   * timer) makes the step depend on every step that moves the clock (partial-order reduction).
   */
  get now(): number {
    this.loop.stepLog?.touched(CLOCK_OBJECT);
    return this.loop.clock.now;
  }

  facts(): RunFacts {
    return this.loop.facts();
  }

  // ── objects and callers ──────────────────────────────────────────────────────────────────────

  register(kind: string, name?: string): Registered {
    return this.objects.register(kind, this.loop.current, name);
  }

  /**
   * The task whose code called an operation. In compatibility mode that is whichever task async
   * context says, and a task resumed by a plain promise rejoins the run here.
   */
  private callingTask(): Task | null {
    const loop = this.loop;
    if (!this.options.compat) return loop.current;
    const t = contextTask();
    if (t === undefined || t.state === TaskState.Done) return null;
    if (t.state === TaskState.Awaiting) {
      loop.awaiting--;
      t.state = TaskState.Running;
      return t;
    }
    // Resumed but its continuation has not run yet: this call comes from the synchronous tail of
    // the code that announced (two operations in flight, as with Promise.race over operations).
    return t.state === TaskState.Running && t !== loop.next ? t : null;
  }

  caller(opName: string, label = ''): Task | null {
    if (this !== realm.rt || this.loop.ended) {
      this.foreign(label || opName, opName);
      return null;
    }
    const t = this.callingTask();
    if (t === null) {
      if (!this.loop.ended) this.loop.endRun(verdict.misuse(this.facts(), opName));
      return null;
    }
    if (this.loop.recorder) t.site = captureSite();
    const obj = label ? this.objects.idOf(label) : undefined;
    if (obj !== undefined) {
      this.loop.stepLog?.touched(obj);
      // Coverage follows DPOR's dependency relation: synchronous operations count (fingerprint.ts).
      this.loop.fingerprint.touched(obj, t.hash, opName);
    }
    return t;
  }

  /**
   * The task making a plain memory access to a tracked object, or null when the access is not
   * watched: no detector, a finished run's object, or code that runs outside any task. Unlike
   * `caller`, never a misuse: a test reading a tracked result after its run is ordinary code.
   */
  accessor(label: string): Task | null {
    if (this.loop.race === null || this !== realm.rt || this.loop.ended) return null;
    const t = this.callingTask();
    if (t === null) return null;
    if (this.loop.recorder) t.site = captureSite();
    const obj = this.objects.idOf(label);
    if (obj !== undefined) {
      this.loop.stepLog?.touched(obj);
      this.loop.fingerprint.accessed(obj, t.hash); // coverage, as DPOR sees it (fingerprint.ts)
    }
    return t;
  }

  /**
   * An operation on an object of this run after the run ended, or while another run is in flight.
   * Pending operations never settle at the end of a run, so only `lateTask` can still be executing
   * code of this run. If this run has none and the live run has a task executing, that task is using
   * an object it does not own: a finding naming the object. Otherwise it is a late continuation:
   * dropped (the operation never completes), and the exploration's first one noted on its result.
   */
  private foreign(label: string, opName: string): void {
    const live = realm.rt;
    const current = live?.current ?? null;
    if (
      live &&
      live !== this &&
      !live.ended &&
      current &&
      this.loop.lateTask === null &&
      live.exploration === this.exploration
    ) {
      live.abort(verdict.crossRun(live.facts(), label, this.run, taskFacts(current), opName));
      return;
    }
    noteLateCall(this.exploration, this.run, opName, label);
  }

  // ── operations ───────────────────────────────────────────────────────────────────────────────

  /**
   * A blocking operation of the current task: a switch point. Returns the promise the task awaits;
   * it is resolved only when the strategy picks the task again after the operation completed.
   */
  announce(target: Performer, op: number, arg: unknown, opName: string): Promise<any> {
    const loop = this.loop;
    if (this !== realm.rt || loop.ended) {
      this.foreign(target.label, opName);
      return never;
    }
    const t = this.callingTask();
    if (t === null) {
      if (!loop.ended) loop.endRun(verdict.misuse(this.facts(), opName));
      return never;
    }
    t.target = target;
    t.op = op;
    t.arg = arg;
    t.opName = opName;
    t.state = TaskState.Announced;
    if (loop.recorder) t.site = captureSite();
    const p = operationPromise(t);
    if (loop.current === t) loop.current = null;
    loop.insertRunnable(t);
    loop.kick();
    return p;
  }

  wake(t: Task, value: unknown): void {
    this.loop.wake(t, value);
  }

  wakeFailure(t: Task, error: unknown): void {
    this.loop.wakeFailure(t, error);
  }

  rearm(t: Task): void {
    this.loop.rearm(t);
  }

  kick(): void {
    this.loop.kick();
  }

  parkSettler(t: Task): void {
    this.loop.settler = t;
  }

  externalStarted(): void {
    this.externalWork = true;
    this.loop.externalsPending++;
  }

  externalSettled(): void {
    this.loop.externalsPending--;
  }

  /**
   * A strategy choice among `count` non-task options (the ready cases of a select). `optionOf` names
   * option i; the options are built only when there is a choice to make.
   */
  chooseAmong(kind: ChoiceKind, count: number, optionOf: (i: number) => Option): number {
    if (count === 1) return 0;
    const options: Option[] = [];
    for (let i = 0; i < count; i++) options.push(optionOf(i));
    return this.loop.choose(kind, options);
  }

  /** A fatal error (Go's `fatal error: ...`): ends the run at once; the throw only unwinds. */
  fatal(message: string, t: Task | null = this.loop.current): never {
    const loop = this.loop;
    this.recorder?.emit(this.steps, t?.id ?? 0, 'FatalError', { message }, t?.site ?? null);
    if (!loop.ended) loop.endRun(verdict.fatal(this.facts(), t === null ? null : taskFacts(t), message));
    throw new GoFatalError(message);
  }

  /** End the run with `finding` (a misuse detected outside the runtime: an object of free mode used here). */
  abort(finding: Finding): void {
    this.loop.endRun(finding);
  }

  // ── tasks ────────────────────────────────────────────────────────────────────────────────────

  /** `go(fn, name)`: a new runnable task. Synchronous; not a switch point. */
  spawn(fn: () => unknown, name: string): Task | null {
    const parent = this.caller('go');
    if (parent === null) return null;
    const taskName = name || parent.anonymousChildName();
    return spawnTask(this.loop, parent, fn, taskName, parent.childStableId(taskName));
  }

  /**
   * A task started by the runtime on behalf of `parentId` (a timer's callback): Go's
   * `time.AfterFunc` runs its function in its own goroutine.
   */
  spawnFor(parentId: number, fn: () => unknown, name: string, hb?: VectorClock | null): Task {
    const parent = this.loop.tasks[parentId - 1] ?? this.loop.main!;
    return spawnTask(this.loop, parent, fn, name, parent.childStableId(name), hb);
  }

  /**
   * A macrotask ran while the run was in flight (the driver's turn): whether the run goes on.
   * What it means is macrotask-turn.ts's.
   */
  macrotask(): boolean {
    return macrotaskTurn(this.loop, this.options.compat, this.exploreRequested);
  }

  // ── timers, and the host's ───────────────────────────────────────────────────────────────────

  newTimer(owner: TimerOwner, creator: Task | null = this.loop.current): Timer {
    return this.loop.clock.newTimer(owner, creator);
  }

  /**
   * Arm (or re-arm) `timer` to fire at virtual time `when` (ns); a time in the past is due now.
   * `by` is the task arming it (its clock is released into the timer's); null for the runtime's own
   * re-arming of a periodic timer.
   */
  armTimer(timer: Timer, when: number, by: Task | null = this.loop.current): void {
    const race = this.loop.race;
    if (race !== null && by !== null) race.release(by.id, (timer.hb ??= newClock()));
    this.loop.clock.arm(timer, when);
  }

  disarmTimer(timer: Timer): boolean {
    return this.loop.clock.disarm(timer);
  }

  get hostTimers(): Map<number, HostTimerHandle> {
    return this.loop.host.timers;
  }

  /** How many Node timers (setTimeout and friends) the run's code scheduled. */
  get hostTimersScheduled(): number {
    return this.loop.host.timersCreated;
  }

  nextHostTimerId(): number {
    return this.loop.host.nextTimerId();
  }

  followClock(onClock: ((now: number) => void) | null): void {
    this.loop.host.onClock = onClock;
  }

  // ── happens-before ───────────────────────────────────────────────────────────────────────────

  raceRead(t: Task, v: VarState): void {
    const r = this.loop.race?.read(t.id, v, t.site);
    if (r) this.loop.endRun(verdict.race(this.facts(), r));
  }

  raceWrite(t: Task, v: VarState): void {
    const r = this.loop.race?.write(t.id, v, t.site);
    if (r) this.loop.endRun(verdict.race(this.facts(), r));
  }
}

brandRuntimeClass(ExplorerRuntime);
