import { summarize } from '../runtime/recorder.js';
import type { Runtime } from '../runtime/contract.js';
import { TaskState, type Performer, type Task } from '../runtime/task.js';
import { NO_FOOTPRINT, type Footprint } from '../strategies/strategy.js';
import type { VectorClock } from '../runtime/happens-before/race.js';
import { never } from '../runtime/operation-promise.js';
import { SPIN_LOOP } from '../runtime/time-jumps.js';
import { requireRuntime } from './chan.js';

/*
 * A piece of work whose outcome a promise delivers, run as a task of its own: the shared mechanism of
 * `spawn` (a concurrent caller), `scheduled` (a call of a fake dependency) and `external` (outside
 * work). Because the work is a task, when it starts and when its answer arrives are the strategy's
 * choices like any other step: answers overtake each other, any number are in flight per task,
 * and a caller may await the promise or not. The caller awaits a plain promise, which the run
 * follows in compatibility mode (switched on by itself when needed: the `compat` option).
 */

export interface TaskCall {
  /** The task's name in dumps: `fetchUser`. */
  readonly name: string;
  /**
   * The call as an object of the run (`call#3 (fetchUser)`), with its arguments, for the events
   * that show it starting and settling; null for a plain task started by `spawn`.
   */
  readonly call: { readonly kind: string; readonly args: readonly unknown[] } | null;
  /**
   * While it has not started, virtual time may pass (a timer fire first): the latency of a call is
   * a choice too. A spawned caller starts like any task.
   */
  readonly latent: boolean;
  /**
   * The answer reaches the caller at a step of its own, after the work ran: a request is handled
   * at one moment and its answer arrives at a later one, and other tasks' steps (another request
   * handled, a timer) can fall between the two. For `external`, whose work started in the caller,
   * the call's one step is the answer arriving.
   */
  readonly answerIsAStep: boolean;
}

/** The switch point between a call's work and its answer (see TaskCall.answerIsAStep). */
const answerPoint: Performer = {
  label: 'answer',
  perform: (): boolean => true,
  footprint: (): Footprint => NO_FOOTPRINT,
};

/**
 * Run `work` as a task of the run of `rt`, its outcome delivered to the promise returned. A task
 * that awaits that promise happens after the work (race detector); an unawaited rejection is Node's
 * unhandled rejection, which the run reports.
 */
export function runAsCall<T>(
  rt: Runtime,
  work: () => T | PromiseLike<T>,
  how: TaskCall,
): Promise<Awaited<T>> {
  let resolve!: (v: Awaited<T>) => void;
  let reject!: (e: unknown) => void;
  const outcome = new Promise<Awaited<T>>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const label = how.call ? rt.register(how.call.kind, how.name).label : '';
  /** What the work's task had done when it answered: the caller acquires it (race detector). */
  let answerClock: VectorClock | null = null;
  let self: Task | null = null;
  const body = (): Promise<void> => {
    const t = self!;
    const rec = rt.recorder;
    if (rec && how.call)
      rec.emit(rt.steps, t.id, 'CallStarted', { obj: label, args: argsText(how.call.args) }, t.spawnSite);
    const delivered = (ok: boolean, v: unknown): void => {
      if (how.call) rt.externalSettled();
      answerClock = rt.race?.snapshot(t.id) ?? null; // the work's release, carried to the caller
      const r = rt.recorder;
      if (r && how.call) {
        if (ok) r.emit(rt.steps, t.id, 'CallReturned', { obj: label, value: summarize(v) }, null);
        else r.emit(rt.steps, t.id, 'CallFailed', { obj: label, error: summarize(errorText(v)) }, null);
      }
      if (ok) resolve(v as Awaited<T>);
      else reject(v);
    };
    let r: T | PromiseLike<T>;
    try {
      r = work();
    } catch (e) {
      delivered(false, e);
      return Promise.resolve();
    }
    const settled = Promise.resolve(r);
    if (!how.answerIsAStep)
      return settled.then(
        (v) => delivered(true, v),
        (e: unknown) => delivered(false, e),
      );
    const answer = (ok: boolean, v: unknown): Promise<void> => {
      t.spins = SPIN_LOOP; // the answer's latency is a choice too
      return rt.announce(answerPoint, 0, undefined, 'answer').then(() => delivered(ok, v));
    };
    return settled.then(
      (v) => answer(true, v),
      (e: unknown) => answer(false, e),
    );
  };
  self = rt.spawn(body, how.name);
  if (self === null) return never;
  // Outside work of the run: pending, it keeps the run waiting for the drain; done, the run's
  // behaviour depended on work the explorer does not see into (no claim of completeness).
  if (how.call) rt.externalStarted();
  if (how.latent) self.spins = SPIN_LOOP;
  self.runsCall = how.call !== null;
  const caller = self.parent;
  if (rt.race === null || caller === null) return outcome;
  // The caller's continuation after the answer happens after the work (a channel receive would
  // say so; a plain promise does not tell the detector).
  return outcome.then(
    (v) => {
      acquire(rt, caller, answerClock);
      return v;
    },
    (e: unknown) => {
      acquire(rt, caller, answerClock);
      throw e;
    },
  );
}

function acquire(rt: Runtime, caller: Task, hb: VectorClock | null): void {
  if (hb === null || rt.ended || caller.state === TaskState.Done) return;
  rt.race?.acquire(caller.id, hb);
}

function argsText(args: readonly unknown[]): string {
  return `(${args.map(summarize).join(', ')})`;
}

function errorText(e: unknown): unknown {
  return e instanceof Error ? `${e.name}: ${e.message}` : e;
}

/** The work as plain code would run it: called now, a throw as a rejection. */
export function direct<T>(work: () => T | PromiseLike<T>): Promise<Awaited<T>> {
  try {
    return Promise.resolve(work());
  } catch (e) {
    return Promise.reject(e);
  }
}

/** The runtime of a call, or null when the work should simply run (free mode, no exploration). */
export function callRuntime(what: string): Runtime | null {
  const rt = requireRuntime(what);
  return rt.free ? null : rt;
}
