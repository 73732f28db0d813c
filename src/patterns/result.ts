/**
 * Errors travel with results: a task sends a `Result` and its consumer decides what an error means.
 */
import { chan, go, type Chan, type context } from '../core.js';
import { contextOf, doneOf, fired, isHarnessError, sendOrDone, toError, type Done } from './done.js';

/** A value or the error that prevented it (the seed's `Result{Err, Response}`). */
export type Result<T, E = Error> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err<E = Error>(error: E): Result<never, E> {
  return { ok: false, error };
}

/**
 * `fn()`'s value, or what it threw (a non-`Error` is wrapped). A Go panic (`GoPanic`), a fatal error
 * or an interleave usage error is rethrown: those are bugs to report, not results.
 */
export async function attempt<T>(fn: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (e) {
    if (isHarnessError(e)) throw e;
    return err(toError(e));
  }
}

/**
 * The seed's `checkStatus`: one task calls `fetch` on each input in turn and sends one `Result` per
 * input, in input order, then closes. `fetch` gets a context canceled with `done`; once `done` has
 * fired no further input is fetched, and at most one result (one whose send was already ready when
 * done fired: Go's select may pick either ready case) is delivered after it.
 */
export function checkAll<I, T>(
  done: Done,
  inputs: Iterable<I>,
  fetch: (input: I, ctx: context.Context) => T | Promise<T>,
): Chan<Result<T>> {
  const d = doneOf(done);
  const results = chan<Result<T>>();
  go(async () => {
    const [ctx, cancel] = contextOf(done);
    try {
      for (const input of inputs) {
        // The done channel itself, not only ctx: for a plain done channel, ctx is canceled later,
        // by a watcher task, and a fetch must not start once done has fired.
        if (ctx.err() !== null || (await fired(d))) return;
        const r = await attempt(() => fetch(input, ctx));
        if (!(await sendOrDone(d, results, r))) return;
      }
    } finally {
      cancel();
      results.close();
    }
  }, 'checkAll');
  return results;
}
