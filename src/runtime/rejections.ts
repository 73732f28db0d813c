import { promiseHooks } from 'node:v8';
import type { Finding } from '../checker/findings.js';
import { snapshot } from '../checker/verdicts.js';
import { describeThrown } from '../base/errors.js';
import type { RunOutcome } from './run-options.js';
import type { Run } from './contract.js';
import { userStack } from '../base/site.js';

/*
 * A promise rejected with no handler (`void Promise.reject(e)`, an async call not awaited that
 * throws). Go has no such thing; in Node it ends the process, as a panic escaping a goroutine ends a
 * Go program. Node decides that a rejection is unhandled when its microtask queue drains, and under
 * a run it drains only when the exploration yields to the event loop, every few milliseconds: so a
 * rejection was reported at a moment that depended on machine load (or after the exploration, killing
 * the worker with no task and no replay string).
 *
 * The rule under a run: a rejection still unhandled when the run ends is a finding of the run, a
 * `panic` of the task that created the promise, if the run ended without another finding. A run's
 * outcome is handed on only once Node has reported its unhandled rejections (to the listener below,
 * which keeps them from ending the process; see MARKER), with no turn of the event loop. Which task created the promise is known
 * only in recorded runs (a promise hook, too costly for exploring runs), which is where findings get
 * their tasks: the replay of the failing schedule.
 */

interface Watched {
  readonly rt: Run;
  /** Unhandled so far, in the order Node reported them. */
  readonly pending: Map<Promise<unknown>, unknown>;
  /** Recorded runs: which task created each promise. */
  readonly owners: WeakMap<Promise<unknown>, number> | null;
  readonly stopHook: (() => void) | null;
  /** Set when the run has ended: called once Node has reported every rejection before the marker. */
  done: (() => void) | null;
}

let watched: Watched | null = null;

/**
 * Whether the listeners are on the process. They stay on from run to run while runs follow one
 * another with no turn of the event loop (Node reports rejections only when the microtask queue
 * drains, and between two such runs only the first's marker batch is reported): adding and removing
 * them per run was ~5% of an empty run. They come off before the event loop turns
 * (stopListening), so that a rejection of code outside any run reaches Node's own handling.
 */
let listening = false;
/** stopListening was called while a run was still watched: detach once it is not. */
let detachWanted = false;

/**
 * The reason of the marker rejection made when a run ends. Node reports unhandled rejections in the
 * order they happened, all at once, as soon as the microtask queue drains (no turn of the event
 * loop): when the marker is reported, every rejection of the run before it has been too.
 */
const MARKER = Symbol('interleave: end of run');

const onUnhandled = (reason: unknown, promise: Promise<unknown>): void => {
  const w = watched;
  if (w === null) return;
  if (reason !== MARKER) {
    w.pending.set(promise, reason);
    return;
  }
  const done = w.done;
  w.done = null;
  // Rejections reported after the marker in the same batch (a late continuation of the ended run)
  // still reach this listener, and are dropped: the run is over.
  queueMicrotask(() => {
    if (watched === w) stopWatching();
  });
  done?.();
};
const onHandled = (promise: Promise<unknown>): void => {
  watched?.pending.delete(promise);
};

/** From the start of a run to the end of its last turn: its unhandled rejections are its own. */
export function watchRejections(rt: Run): void {
  stopWatching();
  const owners = rt.recorder ? new WeakMap<Promise<unknown>, number>() : null;
  const stopHook: (() => void) | null =
    owners === null
      ? null
      : (promiseHooks.onInit((p: Promise<unknown>) => {
          const t = rt.current;
          if (t !== null && !rt.ended) owners.set(p, t.id);
        }) as () => void);
  watched = { rt, pending: new Map(), owners, stopHook, done: null };
  detachWanted = false;
  if (listening) return;
  listening = true;
  process.on('unhandledRejection', onUnhandled);
  process.on('rejectionHandled', onHandled);
}

function stopWatching(): void {
  const w = watched;
  if (w === null) return;
  watched = null;
  w.stopHook?.();
  if (detachWanted) detach();
}

function detach(): void {
  detachWanted = false;
  if (!listening) return;
  listening = false;
  process.off('unhandledRejection', onUnhandled);
  process.off('rejectionHandled', onHandled);
}

/**
 * Takes the listeners off the process (the explorer yields to the event loop, or its exploration
 * ends); a run still watched keeps them until it is not: its rejections are its own.
 */
export function stopListening(): void {
  if (watched === null) detach();
  else detachWanted = true;
}

/**
 * The run ended with `outcome`: once Node has reported the run's unhandled rejections (when the
 * microtask queue drains, see MARKER), hand `finish` the outcome, or, if it has no finding, the first
 * rejection left unhandled as its finding.
 */
export function afterRun(rt: Run, outcome: RunOutcome, finish: (o: RunOutcome) => void): void {
  const w = watched;
  if (w === null || w.rt !== rt) {
    finish(outcome);
    return;
  }
  w.done = () => {
    const first = w.pending.entries().next();
    if (outcome.finding !== null || first.done === true) {
      finish(outcome);
      return;
    }
    const [promise, reason] = first.value;
    finish({ ...outcome, finding: unhandledRejection(rt, w.owners?.get(promise) ?? null, reason) });
  };
  void Promise.reject(MARKER);
}

function unhandledRejection(rt: Run, taskId: number | null, reason: unknown): Finding {
  const text = describeThrown(reason);
  const facts = rt.facts();
  const t = taskId === null ? null : (facts.tasks[taskId - 1] ?? null);
  const who = t?.label ?? 'a task';
  rt.recorder?.emit(rt.steps, t?.id ?? 0, 'TaskPanicked', { message: `unhandled rejection: ${text}` }, null);
  return {
    kind: 'panic',
    message: `panic: unhandled rejection: ${text}`,
    summary:
      `${who} left a promise rejected with nobody to handle it (${text}); Node would end the process here. ` +
      `Await the promise, or handle its rejection with .catch()`,
    tasks: snapshot(facts.tasks),
    task: t?.id ?? null,
    stack: rt.recorder ? stackOf(reason) : null,
    step: rt.steps,
    cause: 'unhandled-rejection',
  };
}

function stackOf(reason: unknown): string | null {
  try {
    const stack = reason instanceof Error ? reason.stack : undefined;
    return typeof stack === 'string' ? userStack(stack) || null : null;
  } catch {
    return null;
  }
}
