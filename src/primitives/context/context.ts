import { GoPanic } from '../../base/errors.js';
import { Panic } from '../../base/go-texts.js';
import type { Chan } from '../chan.js';
import { neverAborted } from './signal.js';

/*
 * Go's context package (src/context/context.go): the Context interface, its two errors, and the
 * empty contexts. The cancelable contexts are in cancel.ts and deadline.ts, values in value.ts.
 */

/**
 * Go's `context.Context`. `done()` returns the same channel on every call, closed when the context
 * is canceled; `null` (Go's nil channel) for a context that can never be canceled, so a `select` case
 * on it never fires. `deadline()` is `[ns since the run started, true]`, or `[0, false]` when none.
 */
export interface Context {
  done(): Chan<void> | null;
  /** `null` until canceled; then `canceled` or `deadlineExceeded`. */
  err(): Error | null;
  /** The value bound to `key` by this context or an ancestor (`undefined` when none: Go's nil). */
  value(key: unknown): unknown;
  deadline(): [deadline: number, ok: boolean];
  /** Go's `context.Cause(ctx)`: the cause given to the cancel, or `err()` when none was. */
  cause(): Error | null;
  /** Aborted when the context is canceled, with the cause as its reason: for Node.js APIs. */
  readonly signal: AbortSignal;
  /** Go's `fmt.Sprint(ctx)`: the chain that made it (`context.Background.WithCancel`). */
  toString(): string;
}

/** Texts Go's context package panics with. */
/** Go's context panic texts (kept in the one table of Go's texts). */
export const ContextPanic = {
  nilParent: Panic.contextNilParent,
  nilKey: Panic.contextNilKey,
  missingCancelError: Panic.contextMissingCancelError,
} as const;

/** Go's `context.DeadlineExceeded`: an error whose `timeout()` and `temporary()` are true. */
export class DeadlineExceededError extends Error {
  constructor() {
    super('context deadline exceeded');
  }
  timeout(): boolean {
    return true;
  }
  temporary(): boolean {
    return true;
  }
}

/** Go's `context.Canceled`: `ctx.err()` of a context canceled by its cancel function. Compare with `===`. */
export const canceled: Error = new Error('context canceled');
/** Go's `context.DeadlineExceeded`: `ctx.err()` of a context whose deadline passed. Compare with `===`. */
export const deadlineExceeded: DeadlineExceededError = new DeadlineExceededError();

/**
 * The key under which a cancelable context answers `value()` with itself: how a child finds the
 * nearest cancelable ancestor through value contexts (Go's `&cancelCtxKey`).
 */
export const cancelCtxKey: unique symbol = Symbol('context.cancelCtx');

class EmptyCtx implements Context {
  constructor(private readonly name: string) {}
  done(): null {
    return null;
  }
  err(): null {
    return null;
  }
  value(): undefined {
    return undefined;
  }
  deadline(): [number, boolean] {
    return [0, false];
  }
  cause(): null {
    return null;
  }
  get signal(): AbortSignal {
    return neverAborted();
  }
  toString(): string {
    return this.name;
  }
}

const BACKGROUND = new EmptyCtx('context.Background');
const TODO = new EmptyCtx('context.TODO');

/**
 * Go's `context.Background()`: never canceled, no values, no deadline. Its `done()` is `null`, so
 * waiting on it alone blocks forever. Stateless, so one object serves every run.
 */
export function background(): Context {
  return BACKGROUND;
}

/** Go's `context.TODO()`: as `background()`, for code not yet given a context. */
export function todo(): Context {
  return TODO;
}

/** Go's `context.Cause(ctx)`. */
export function cause(ctx: Context): Error | null {
  return ctx.cause();
}

/** Go's check that a parent was given: a panic with Go's text for `null`/`undefined`. */
export function requireParent(parent: Context | null | undefined): Context {
  if (parent === null || parent === undefined) throw new GoPanic(ContextPanic.nilParent);
  return parent;
}

/** How Go prints a context in a chain (`context.Background.WithCancel`). */
export function contextName(ctx: Context): string {
  const s = ctx.toString();
  return s !== '[object Object]' ? s : (ctx.constructor?.name ?? 'Context');
}

/**
 * Marks a context of this package that only wraps its parent (same done channel, err and cause):
 * its value is the parent. Lets propagation trust the chain without making done channels.
 */
export const wrapsDone: unique symbol = Symbol('context.wrapsDone');
