/**
 * Cancellation, normalised. Every pattern takes a `Done`: a `Context` (its `done()` channel), a done
 * channel in the seed's style (`Chan<void>`, closed to cancel), or `null` (never canceled, like
 * `context.background()`). `doneOf` turns any of them into the one channel the patterns select on.
 */
import {
  Chan,
  context,
  go,
  GoFatalError,
  GoPanic,
  InterleaveError,
  select,
  type MaybeChan,
} from '../core.js';
import { describeThrown } from '../base/errors.js';

type Context = context.Context;

/** What a pattern watches for cancellation: a context, a done channel, or `null` for never. */
export type Done = Context | MaybeChan<unknown, unknown>;
/** An input channel (any zero value), or `null`: Go's nil channel, which never yields. */
export type In<T> = MaybeChan<T, any>;

/** The channel to select on for `done` (`null`: never fires). */
export function doneOf(done: Done): MaybeChan<unknown, unknown> {
  if (done === null || done === undefined || done instanceof Chan) return done;
  return done.done();
}

/**
 * A `Context` canceled when `done` fires, and the function that cancels it. Call the function when
 * finished: for a done channel it also stops the task that watches the channel.
 */
export function contextOf(done: Done): [Context, context.CancelFunc] {
  if (done === null || done === undefined || done instanceof Chan) {
    const [ctx, cancel] = context.withCancel(context.background());
    const ch = done;
    if (ch) {
      go(async () => {
        const r = await select([{ recv: ch }, { recv: ctx.done() }]);
        if (r.index === 0) cancel();
      }, 'patterns.contextOf');
    }
    return [ctx, cancel];
  }
  return context.withCancel(done);
}

/** The error a canceled `done` stands for: the context's `err()`, else `context.canceled`. */
export function doneErr(done: Done): Error {
  if (done === null || done === undefined || done instanceof Chan) return context.canceled;
  return done.err() ?? context.canceled;
}

/** A received value, or why there is none: the input closed, or done fired. */
export type Received<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly done: boolean };

/** `select { case <-done: case v, ok := <-input: }` */
export async function recvOrDone<T>(done: MaybeChan<unknown, unknown>, input: In<T>): Promise<Received<T>> {
  const r = await select([{ recv: done }, { recv: input }]);
  if (r.index === 0) return { ok: false, done: true };
  if (!r.ok) return { ok: false, done: false };
  return { ok: true, value: r.value as T };
}

/**
 * `select { case <-done: return false; case out <- v: return true }`, after a poll of `done`.
 *
 * Why the poll: when a consumer cancels and keeps receiving, both cases of the select are ready and
 * Go's select picks one at random, so a sender that only selected could go on forwarding value after
 * value. The poll (`select { case <-done: default: }`) sees a fired `done` deterministically, so a
 * sender forwards at most ONE value after `done` fires: the one whose select was already under way.
 */
export async function sendOrDone<T>(
  done: MaybeChan<unknown, unknown>,
  out: Chan<T>,
  value: T,
): Promise<boolean> {
  if (await fired(done)) return false;
  const r = await select([{ recv: done }, { send: out, value }]);
  return r.index === 1;
}

/** `select { case <-done: return true; default: return false }` (a nil done never fires). */
export async function fired(done: MaybeChan<unknown, unknown>): Promise<boolean> {
  if (done === null || done === undefined) return false;
  const r = await select([{ recv: done }, { default: true }]);
  return r.index === 0;
}

/** Errors that are not the user's to handle: Go panics, fatal errors, misuse of interleave. */
export function isHarnessError(e: unknown): boolean {
  return isInstance(e, GoPanic) || isInstance(e, GoFatalError) || isInstance(e, InterleaveError);
}

/** A thrown value of any shape as an `Error` (its text never throws: describeThrown). */
export function toError(e: unknown): Error {
  return isInstance(e, Error) ? e : new Error(describeThrown(e));
}

/** `instanceof`, false for a Proxy whose getPrototypeOf trap throws. */
function isInstance<T>(e: unknown, type: abstract new (...args: never[]) => T): e is T {
  try {
    return e instanceof type;
  } catch {
    return false;
  }
}
