import { NO_FOOTPRINT, type Footprint } from '../strategies/strategy.js';
import { contextTask } from '../runtime/compat.js';
import type { Run } from '../runtime/contract.js';
import { realm } from '../runtime/realm.js';
import { TaskState, type Performer, type Task } from '../runtime/task.js';

/*
 * A plain `await` as a switch point. Programs loaded by the CLI or the Vitest plugin are rewritten
 * (transform/await-points.ts) so that `await X` calls `awaitPoint(X)` first. Under a run, once X
 * settles the calling task announces a switch point, so the strategy may run another task in the
 * one-microtask gap Node leaves there, then resumes with X's value or rejection. Replays reproduce
 * it: it is an ordinary announced operation, chosen like any other.
 *
 * It stays an identity (returns X) where it cannot be a switch point safely:
 * - outside a run, in free mode, and after a run ended;
 * - past the first `awaitPoints` plain awaits of the task in this run (the run's bound);
 * - when no task is executing, or the calling task has an operation in flight: `await ch.recv()`
 *   is already a switch point, and so is awaiting an async function that announced one.
 * When X settles, the switch is taken only if the task is still the one executing (or, in
 * compatibility mode, parked awaiting plain promises); a second continuation of the same task
 * (two async calls awaited together by Promise.all) passes through rather than make two
 * operations of one task in flight at once.
 */

const awaitPerformer: Performer = {
  label: 'await',
  perform(task: Task): boolean {
    task.spinning = false;
    // The switch point shows in the interleaving: the task went on here, after other tasks' steps.
    const rt = realm.rt;
    rt?.recorder?.emit(rt.steps, task.id, 'AwaitResumed', {}, null);
    return true;
  },
  footprint: (): Footprint => NO_FOOTPRINT,
};

function executing(rt: Run, t: Task): boolean {
  return t.state === TaskState.Awaiting || (t.state === TaskState.Running && rt.current === t);
}

/** The task calling, if one is executing and may take a switch point here. */
function eligible(rt: Run): Task | null {
  if (rt.ended || rt.awaitPoints === 0) return null;
  const t = contextTask() ?? rt.current;
  if (!t || !executing(rt, t)) return null;
  if (t.awaitPointsUsed >= rt.awaitPoints) return null;
  t.awaitPointsUsed++;
  return t;
}

/** `await X` as the rewritten code calls it: see above. */
export function awaitPoint<T>(x: T): T | Promise<Awaited<T>> {
  const rt = realm.rt;
  if (!rt) return x;
  const t = eligible(rt);
  if (t === null) return x;
  const gap = (): Promise<void> => {
    if (rt.ended || !executing(rt, t)) return Promise.resolve();
    rt.awaitPointTaken();
    return rt.announce(awaitPerformer, 0, undefined, 'await');
  };
  return Promise.resolve(x).then(
    (v) => gap().then(() => v),
    (e: unknown) =>
      gap().then(() => {
        throw e;
      }),
  );
}

// Set unconditionally: a rewritten module loaded before the library installed an identity. The
// name is the one transform/await-points.ts rewrites `await X` to call (AWAIT_GLOBAL).
(globalThis as Record<string, unknown>).__interleaveAwait = awaitPoint;
