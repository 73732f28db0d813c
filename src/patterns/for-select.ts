/**
 * The for-select loop, both of the seed's variants. Both run in the calling task (they start none),
 * so they are what a long-lived worker's body calls: `go(() => forSelect(ctx, jobs, handle))`.
 */
import { select } from '../core.js';
import { doneOf, recvOrDone, type Done, type In } from './done.js';

/** Why a loop ended: `done` fired, the input closed, or the step/handler returned `false`. */
export type StopReason = 'done' | 'closed' | 'stopped';

/**
 * Minimal select with default: before each `step`, `select { case <-done: return; default: }`.
 * `step` may block (sleep, send...); it returns `false` to stop the loop.
 */
export async function loop(
  done: Done,
  step: () => void | boolean | Promise<void | boolean>,
): Promise<'done' | 'stopped'> {
  const d = doneOf(done);
  for (;;) {
    const r = await select([{ recv: d }, { default: true }]);
    if (r.index === 0) return 'done';
    if ((await step()) === false) return 'stopped';
  }
}

/**
 * Select around work: `for { select { case <-done: return; case v, ok := <-ch: ... } }`, calling
 * `handle(v)` for each value; `handle` returns `false` to stop.
 */
export async function forSelect<T>(
  done: Done,
  ch: In<T>,
  handle: (value: T) => void | boolean | Promise<void | boolean>,
): Promise<StopReason> {
  const d = doneOf(done);
  for (;;) {
    const r = await recvOrDone(d, ch);
    if (!r.ok) return r.done ? 'done' : 'closed';
    if ((await handle(r.value)) === false) return 'stopped';
  }
}
