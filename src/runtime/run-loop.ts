import type { Finding } from '../checker/findings.js';
import * as verdict from '../checker/verdicts.js';
import type { RunFacts } from '../checker/verdicts.js';
import { Clock } from './clock.js';
import { formatDuration } from '../base/duration.js';
import { Fingerprint } from './fingerprint.js';
import { HostBridge } from './host-bridge.js';
import { RaceDetector } from './happens-before/race.js';
import { Recorder } from './recorder.js';
import type { ChoiceKind, ChoicePoint, Option, Strategy } from '../strategies/strategy.js';
import { StepLog } from './step-log.js';
import { DEFAULT_LIVELOCK_STEPS, type RunOptions, type RunOutcome } from './run-options.js';
import { graceEnd, stepBoundEnd } from './step-bounds.js';
import { mayJump } from './time-jumps.js';
import { breakBefore } from './break-at.js';
import { insertById, removeTask } from './runnable.js';
import { runFacts } from './snapshot.js';
import type { Task } from './task.js';
import { TaskState } from './task.js';
import type { Timer } from './timers.js';
import { settleQuiescence } from './quiescence.js';
import { leaveBehind } from './late-rejections.js';
import { RESOLVED } from './operation-promise.js';

/**
 * The step loop of one run, and the state it steps: the task table, the runnable set, the clock.
 * Which task runs next (asking the strategy), performing its announced operation, resuming exactly
 * one task per step, firing due timers, waking and re-arming parked tasks, and deciding when and how
 * the run is over (finished, deadlock, leak, livelock, outside await). The explorer's runtime
 * (explorer-runtime.ts) owns one and gives primitives the runtime contract on top of it.
 *
 * Its fields are the run's hot state, read and written by the runtime and by the task lifecycle
 * (task-life.ts) directly: one object, no indirection on the step loop's path.
 */
export class RunLoop {
  readonly tasks: Task[] = [];
  /** Announced, ready and new tasks, sorted by id (so options are listed in a stable order). */
  readonly runnable: Task[] = [];
  /**
   * The task whose code is executing. Null between a hand-off and the resumed task's first
   * microtask: an operation called then comes from the announcing task's synchronous tail (two
   * operations in flight at once), which is a misuse we report rather than misattribute.
   */
  current: Task | null = null;
  next: Task | null = null;
  private readonly enterNext = (): void => {
    this.current = this.next;
    this.next = null;
  };
  steps = 0;
  ended = false;
  /** Tasks not finished. */
  live = 0;
  main: Task | null = null;
  mainDone = false;
  graceLimit = Number.POSITIVE_INFINITY;
  graceTimeLimit = Number.POSITIVE_INFINITY;
  readonly clock: Clock;
  /**
   * The last step that made progress: an operation completed (not a spin), a task was woken,
   * started or finished, a timer fired, the clock moved. A livelock is a run that stops doing so.
   */
  progressAt = 0;
  /** Reused per step when timers are due: runnable tasks first, then due timers. */
  private readonly mixed: Option[] = [];
  /** The host's side of the run: its patches, its Node timers, its clock's followers. */
  readonly host = new HostBridge();
  /** Operations waiting for work outside the run (external()); they keep the run alive. */
  externalsPending = 0;
  /** A deadlock or leak verdict is pending for one microtask (see quiescent()). */
  verdictDeferred = false;
  readonly confirmQuiescence = (): void => {
    if (!this.ended && this.current === null && this.next === null) this.schedule();
  };
  /** Compatibility mode: tasks awaiting a plain promise. */
  awaiting = 0;
  /**
   * The step at which the microtask queue was last seen drained (by the driver's macrotask). While
   * externals or plain promises may still resume a task, time advances only after such a drain: a
   * settlement already queued happens at the current virtual time, not after the next timer.
   */
  drainedAt = -1;
  private readonly choices: number[] = [];
  readonly fingerprint = new Fingerprint();
  private readonly point: ChoicePoint = { step: 0, kind: 'task', options: [], last: 0, log: null };
  /** Steps without progress that make a livelock (options.livelockSteps, or the default). */
  private readonly livelockSteps: number;
  /** Partial-order reduction's view of the run (only when the strategy asks: see StepRecord). */
  readonly stepLog: StepLog | null;
  /** The task picked by the previous step (for ChoicePoint.last). */
  private lastTask = 0;
  /** Hands the run's outcome on (set when the run starts). */
  finish: ((outcome: RunOutcome) => void) | null = null;
  /** What ending the run undoes outside the loop (the realm's run in flight). */
  onEnd: (() => void) | null = null;
  /**
   * The task that was mid-segment when the run ended (stuck outside, or unwinding a fatal error).
   * Only it can continue after the end: a late continuation, not a misuse by another run.
   */
  lateTask: Task | null = null;
  /** A task waiting in settle(): woken when nothing else can move. */
  settler: Task | null = null;
  readonly recorder: Recorder | null;
  /** The race detector, or null when it is off (`race: false`). */
  readonly race: RaceDetector | null;

  constructor(
    readonly strategy: Strategy,
    readonly options: RunOptions,
  ) {
    this.recorder = options.record ? new Recorder() : null;
    this.race = options.race === false ? null : new RaceDetector();
    this.livelockSteps = options.livelockSteps ?? DEFAULT_LIVELOCK_STEPS;
    this.stepLog = strategy.wantsStepLog ? new StepLog() : null;
    this.point.log = this.stepLog?.records ?? null;
    this.clock = new Clock(options.timeJumps, (now, by) => {
      this.progressAt = this.steps;
      this.recorder?.emit(this.steps, 0, 'ClockAdvanced', { by: formatDuration(by) }, null);
      this.host.onClock?.(now);
    });
  }

  /** The run's state as plain data, for the checker's verdicts (snapshot.ts). */
  facts(): RunFacts {
    return runFacts(this.tasks, this.steps, this.options.run, this.live);
  }
  /** The same, as a function a bound's verdict calls only when it has a finding. */
  private readonly factsNow = (): RunFacts => this.facts();

  // ── the step loop ────────────────────────────────────────────────────────────────────────────

  /**
   * Pick and perform until one task is resumed or the run ends. A pick whose operation cannot
   * complete blocks that task and loops without a hop; so does a timer firing.
   */
  schedule(): void {
    const runnable = this.runnable;
    for (;;) {
      if (this.ended) return;
      const n = runnable.length;
      // Never a jump past the grace time after main returned (graceTimeLimit: infinite before).
      const due =
        this.clock.size === 0
          ? null
          : this.clock.due(mayJump(this.clock.timeJumps, runnable, n), this.graceTimeLimit);
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
      if (this.steps + 1 === this.options.breakAt) breakBefore(this.steps + 1, t);
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
        const fp = t.target!.footprint(t); // indexed: for-of allocated an iterator per step
        for (let k = 0; k < fp.length; k++) this.fingerprint.record(fp[k]!.obj, t.hash, t.opName);
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

  private resume(t: Task): void {
    t.state = TaskState.Running;
    t.target = null;
    this.current = null;
    this.next = t;
    // Runs before t's continuation (FIFO microtasks): `current` becomes t exactly when t's code runs.
    // (A reaction on a settled promise: cheaper than queueMicrotask, same FIFO queue.)
    void RESOLVED.then(this.enterNext);
    // The settling functions are spent once called: let go of them, and of the promise they hold
    // (a task that ended keeps its last ones until the run ends otherwise, long enough for V8 to
    // allocate such promises straight in the old generation: compatibility mode, timer callbacks).
    const { resolve, reject } = t;
    t.resolve = t.reject = null;
    if (t.failed) {
      const e = t.failure;
      t.failed = false;
      t.failure = undefined;
      reject!(e);
    } else {
      const v = t.result;
      t.result = undefined;
      resolve!(v);
    }
  }

  choose(kind: ChoiceKind, options: readonly Option[]): number {
    const p = this.point;
    p.step = this.steps;
    p.kind = kind;
    p.options = options;
    p.last = this.lastTask;
    let i: number;
    try {
      i = this.strategy.choose(p);
    } catch (e) {
      this.endRun(verdict.strategyFailed(this.facts(), e));
      return 0;
    }
    if (!(i >= 0 && i < options.length)) i = 0;
    this.choices.push(i);
    this.recorder?.choices.push({ step: this.steps, kind, id: options[i]!.stableId });
    return i;
  }

  removeRunnable(t: Task): void {
    removeTask(this.runnable, t);
  }

  insertRunnable(t: Task): void {
    insertById(this.runnable, t);
  }

  /**
   * Step on if no task is executing or about to: after a task announced or finished, or when
   * something outside the run (external work) made a task ready.
   */
  kick(): void {
    if (!this.ended && this.current === null && this.next === null) this.schedule();
  }

  // ── waking parked tasks ──────────────────────────────────────────────────────────────────────

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

  private fireTimer(timer: Timer): void {
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

  // ── ends of runs ─────────────────────────────────────────────────────────────────────────────

  /** At a step bound (no progress for livelockSteps, or maxSteps): end the run if it is over. */
  private outOfSteps(): boolean {
    const { steps, progressAt, live, options } = this;
    const f = stepBoundEnd(
      steps,
      progressAt,
      live,
      this.clock.size,
      options,
      this.livelockSteps,
      this.factsNow,
    );
    if (f === undefined) return false;
    this.endRun(f);
    return true;
  }

  /**
   * Nothing is runnable. Returns true if something was woken and stepping should go on; false when
   * the run ended, or when it must wait (a plain promise or outside work may still move a task).
   */
  private quiescent(): boolean {
    return settleQuiescence(this);
  }

  graceExpired(): void {
    this.endRun(graceEnd(this.steps, this.graceLimit, this.live, this.options, this.factsNow));
  }

  endRun(finding: Finding | null): void {
    if (this.ended) return;
    this.ended = true;
    this.lateTask = this.current ?? this.next;
    // Tasks still waiting on the outside world may wake after the run: their code is known by its
    // async context, so only in compatibility mode.
    if (this.options.compat && finding?.cause === 'outside-await') leaveBehind(this.tasks);
    this.host.uninstall();
    const onEnd = this.onEnd;
    this.onEnd = null;
    onEnd?.();
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
}
