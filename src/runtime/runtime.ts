import type { Finding } from '../checker/findings.js';
import * as verdict from '../checker/verdicts.js';
import { contextTask, runAsTask } from './compat.js';
import { hashString } from './fingerprint.js';
import { type VectorClock, type VarState } from './happens-before/race.js';
import { GoFatalError, InterleaveError } from '../base/errors.js';
import { patchHost } from '../host/host-patches.js';
import { realm } from './realm.js';
import { afterRun, watchRejections } from './rejections.js';
import { captureSite } from '../base/site.js';
import type { ChoiceKind, Option } from '../strategies/strategy.js';
import { RunLoop } from './run-loop.js';
import type { RunOutcome } from './run-options.js';
import { Task, TaskState, type Performer } from './task.js';
import type { Timer, TimerOwner } from './timers.js';

export type { Mode, Owned, RunOptions, RunOutcome } from './run-options.js';

/** What an operation called outside its run returns: it never completes. */
const never = new Promise<never>(() => {});
const AWAITING_REASON = 'await (a promise, not an interleave operation)';
export type { TimeJumps } from './clock.js';

/**
 * One run of one program. Mechanics only: which task runs next is the strategy's business, what an
 * operation means is the primitive's, what a run's end means is the checker's. Exactly one task
 * executes user code at a time; the announcing call makes the next choice synchronously and
 * resolves exactly one promise (direct hand-off).
 */
export class Runtime extends RunLoop {
  /** Runs `main` as task 1 to the end of the run. Resolves; never rejects (failures are findings). */
  execute(main: () => unknown): Promise<RunOutcome> {
    if (realm.rt && !realm.rt.ended) {
      throw new InterleaveError(
        `a run is already in flight in this realm (run ${realm.rt.run}); interleave explores one program ` +
          `at a time per JavaScript realm: await the other exploration first`,
      );
    }
    return new Promise<RunOutcome>((resolve) => {
      // The run's unhandled rejections are its findings (rejections.ts).
      watchRejections(this);
      this.finish = (outcome) => afterRun(this, outcome, resolve);
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
    // Synchronous operations name their object by label (see caller); not in free mode, where
    // nothing reads the step log or the fingerprint and objects come and go for ever.
    if (!this.free) this.objectIds.set(label, id);
    const creator = this.current;
    this.fingerprint.name(id, hashString(creator ? creator.objectStableId(kind) : `runtime/${kind}#${n}`));
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
    this.progressAt = this.steps;
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
      this.recorder.emit(
        this.steps,
        parent?.id ?? 0,
        'TaskSpawned',
        { obj: t.label, child: t.id, name: t.name },
        t.spawnSite,
      );
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
    this.progressAt = this.steps;
    this.race?.finished(t.id);
    if (this.current === t) this.current = null;
    if (this.next === t) this.next = null;
    this.recorder?.emit(this.steps, t.id, 'TaskFinished', {}, null);
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
    this.recorder?.emit(this.steps, t.id, 'TaskPanicked', { message: verdict.describeThrown(error) }, t.site);
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
    const obj = label ? this.objectIds.get(label) : undefined;
    if (obj !== undefined) {
      this.stepLog?.touched(obj);
      // Coverage follows DPOR's dependency relation: synchronous operations count (fingerprint.ts).
      this.fingerprint.touched(obj, t.hash, opName);
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
    const obj = this.objectIds.get(label);
    if (obj !== undefined) {
      this.stepLog?.touched(obj);
      this.fingerprint.accessed(obj, t.hash); // coverage, as DPOR sees it (fingerprint.ts)
    }
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
    this.progressAt = this.steps;
    this.insertRunnable(t);
  }

  /** Completes a parked task's operation with a panic (a close waking blocked senders). */
  wakeFailure(t: Task, error: unknown): void {
    this.stepLog?.woke(t);
    if (t.target !== null) this.fingerprint.woke(t.target.footprint(t)); // coverage (fingerprint.ts)
    t.setFailure(error);
    t.state = TaskState.Ready;
    t.target = null;
    this.progressAt = this.steps;
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

  /**
   * A strategy choice among `count` non-task options (the ready cases of a select). `optionOf` names
   * option i; the options are built only when there is a choice to make.
   */
  chooseAmong(kind: ChoiceKind, count: number, optionOf: (i: number) => Option): number {
    if (count === 1) return 0;
    const options: Option[] = [];
    for (let i = 0; i < count; i++) options.push(optionOf(i));
    return this.choose(kind, options);
  }

  /** A fatal error (Go's `fatal error: ...`): ends the run at once; the throw only unwinds. */
  fatal(message: string, t: Task | null = this.current): never {
    this.recorder?.emit(this.steps, t?.id ?? 0, 'FatalError', { message }, t?.site ?? null);
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
}

export { describeThrown } from '../checker/verdicts.js';
