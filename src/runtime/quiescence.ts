import type { Finding } from '../checker/findings.js';
import * as verdict from '../checker/verdicts.js';
import type { RunFacts } from '../checker/verdicts.js';
import type { Clock } from './clock.js';
import type { HostBridge } from './host-bridge.js';
import { TaskState, type Task } from './task.js';
import { RESOLVED } from './operation-promise.js';

/*
 * What a run does when nothing is runnable (RunLoop.quiescent): a decision over plain facts, in the
 * order the checks must be made (quiescentAction), and carrying it out on the loop
 * (settleQuiescence).
 */

const isRunning = (t: Task): boolean => t.state === TaskState.Running;

/** What the loop knows when nothing is runnable and no timer is due. */
export interface QuiescentState {
  /** A task waits in settle(). */
  readonly settler: boolean;
  readonly mainDone: boolean;
  /** Tasks not finished. */
  readonly live: number;
  /** A ref'd Node timer is pending (it keeps Node's event loop, and so the program, alive). */
  readonly hostTimerPending: boolean;
  /** Tasks awaiting plain promises (compatibility mode). */
  readonly awaiting: number;
  /**
   * Compatibility mode: a task rejoined the run through a plain promise and has not announced or
   * parked since; its code may still be running in this microtask flush (awaiting another plain
   * promise that is about to settle).
   */
  readonly runningElsewhere: boolean;
  /** Calls' outside work (scheduled(), external()) in flight. */
  readonly externalsPending: number;
  /** The microtask queue was seen drained at this step (by the driver's macrotask). */
  readonly drained: boolean;
  /** When the next pending timer is due, or null. */
  readonly nextTimer: number | null;
  /** No jump past this time after main returned. */
  readonly graceTimeLimit: number;
  /** The verdict was already deferred one microtask at this point. */
  readonly verdictDeferred: boolean;
}

export type QuiescentAction =
  | 'wake-settler'
  | 'finished'
  | 'wait'
  | 'grace-expired'
  | 'advance-clock'
  | 'defer-verdict'
  | 'outside-await'
  | 'outside-work'
  | 'deadlock'
  | 'blocked-forever';

export function quiescentAction(s: QuiescentState): QuiescentAction {
  if (s.settler) return 'wake-settler';
  // Everything finished: Go timers left armed (a forgotten cancel) leak no task. A ref'd Node timer
  // does keep the program alive, as it keeps Node's event loop alive: its callback runs.
  if (s.mainDone && s.live === 0 && !s.hostTimerPending) return 'finished';
  const maybeResumed = s.awaiting > 0 || s.externalsPending > 0 || s.runningElsewhere;
  if (maybeResumed && !s.drained) return 'wait'; // wait for the drain
  if (s.nextTimer !== null) {
    // Nothing can move until the next timer: time passes (synctest's "durably blocked").
    return s.mainDone && s.nextTimer > s.graceTimeLimit ? 'grace-expired' : 'advance-clock';
  }
  // Drained, and no timer to move to: nothing in the run can settle the outside work any more, only
  // the real world can (a real fetch, a promise nobody resolves). The explorer neither sees nor
  // replays that, so waiting would be a hang or a verdict that passes I/O off as explored: report it.
  if (s.externalsPending > 0) return 'outside-work';
  // The verdict waits one microtask: the task whose operation just blocked may still be in its
  // synchronous tail, about to call a second operation (Promise.race over operations), which is
  // the misuse to report, not the deadlock it would seem to cause.
  if (!s.verdictDeferred) return 'defer-verdict';
  // Drained, no timer, no outside work: nothing will settle the awaited promises.
  if (s.awaiting > 0) return 'outside-await';
  return s.mainDone ? 'blocked-forever' : 'deadlock';
}

/** What of the step loop (run-loop.ts) quiescence reads and moves. */
export interface QuiescentLoop {
  readonly tasks: readonly Task[];
  readonly clock: Clock;
  readonly host: HostBridge;
  settler: Task | null;
  readonly mainDone: boolean;
  readonly live: number;
  readonly awaiting: number;
  readonly externalsPending: number;
  readonly drainedAt: number;
  readonly steps: number;
  readonly graceTimeLimit: number;
  verdictDeferred: boolean;
  readonly confirmQuiescence: () => void;
  wake(t: Task, value: unknown): void;
  graceExpired(): void;
  endRun(finding: Finding | null): void;
  facts(): RunFacts;
}

/**
 * Nothing is runnable. Returns true if something was woken and stepping should go on; false when
 * the run ended, or when it must wait (a plain promise or outside work may still move a task).
 */
export function settleQuiescence(loop: QuiescentLoop): boolean {
  const next = loop.clock.nextPending();
  const action = quiescentAction({
    settler: loop.settler !== null,
    mainDone: loop.mainDone,
    live: loop.live,
    hostTimerPending: loop.host.timerPending(),
    awaiting: loop.awaiting,
    // Read only when nothing else says a task may be resumed before the drain: it walks every task.
    runningElsewhere:
      loop.drainedAt !== loop.steps &&
      loop.awaiting === 0 &&
      loop.externalsPending === 0 &&
      loop.tasks.some(isRunning),
    externalsPending: loop.externalsPending,
    drained: loop.drainedAt === loop.steps,
    nextTimer: next ? next.when : null,
    graceTimeLimit: loop.graceTimeLimit,
    verdictDeferred: loop.verdictDeferred,
  });
  switch (action) {
    case 'wake-settler': {
      const s = loop.settler!;
      loop.settler = null;
      loop.wake(s, undefined);
      return true;
    }
    case 'advance-clock':
      loop.clock.advance(next!.when);
      return true;
    case 'wait':
      return false;
    case 'defer-verdict':
      loop.verdictDeferred = true;
      void RESOLVED.then(loop.confirmQuiescence);
      return false;
    case 'grace-expired':
      loop.graceExpired();
      return false;
    case 'finished':
      loop.endRun(null);
      return false;
    case 'outside-await':
    case 'outside-work': {
      const facts = loop.facts();
      const waiting = outsideWaiter(loop.tasks);
      loop.endRun(verdict.outsideAwait(facts, waiting < 0 ? null : (facts.tasks[waiting] ?? null)));
      return false;
    }
    case 'deadlock':
      loop.endRun(verdict.deadlock(loop.facts()));
      return false;
    case 'blocked-forever':
      loop.endRun(verdict.blockedForever(loop.facts()));
      return false;
  }
}

/**
 * The task to name in an outside await: the call whose work only the outside world can settle
 * (scheduled(), external()), rather than the tasks awaiting its answer; else the first task awaiting
 * a plain promise. -1 when none is (a run that ended otherwise).
 */
function outsideWaiter(tasks: readonly Task[]): number {
  const call = tasks.findIndex((t) => t.state === TaskState.Awaiting && t.runsCall);
  return call >= 0 ? call : tasks.findIndex((t) => t.state === TaskState.Awaiting);
}
