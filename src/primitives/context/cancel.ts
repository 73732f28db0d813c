import type { VectorClock } from '../../runtime/happens-before/race.js';
import { GoPanic } from '../../base/errors.js';
import type { Runtime } from '../../runtime/contract.js';
import type { Footprint } from '../../strategies/strategy.js';
import { Chan, requireRuntime } from '../chan.js';
import { select } from '../select.js';
import { go } from '../go.js';
import {
  canceled,
  cancelCtxKey,
  contextName,
  ContextPanic,
  requireParent,
  wrapsDone,
  type Context,
} from './context.js';
import { LazySignal } from './signal.js';

/** Go's `context.CancelFunc`: cancels the context; later calls do nothing. Synchronous. */
export type CancelFunc = () => void;
/** Go's `context.CancelCauseFunc`: cancels with `cause` (`canceled` when omitted or null). */
export type CancelCauseFunc = (cause?: Error | null) => void;

/** Something a cancelable parent cancels with itself (Go's `canceler`). */
export interface Canceler {
  cancel(removeFromParent: boolean, err: Error, cause: Error | null): void;
  done(): Chan<void> | null;
}

/*
 * Go's cancelCtx. Cancellation flows down only: a parent keeps its cancelable children in a set
 * (insertion order, where Go's map order is random; every child is canceled in the same step, so the
 * order shows only in the ids of afterFunc tasks), a child keeps a pointer up and leaves the set when
 * it is canceled, so a long-lived parent does not grow. The done channel is made on the first
 * `done()` (as Go's is), so contexts nobody waits on cost no channel; canceling closes it.
 *
 * Cancellation is a synchronous operation of the task that cancels: it closes channels and starts
 * afterFunc tasks as that task, in its step. A deadline cancels from a task of its own (deadline.ts).
 */
export class CancelCtx implements Context, Canceler {
  readonly rt: Runtime;
  readonly id: number;
  readonly label: string;
  readonly footprint: Footprint;
  /** Cancelable descendants reached through this context; null once canceled. */
  children: Set<Canceler> | null = null;
  private doneChan: Chan<void> | null = null;
  private errValue: Error | null = null;
  private causeValue: Error | null = null;
  /** Happens-before: what the canceling task had done (Go's cancel holds the context's mutex). */
  private cancelClock: VectorClock | null = null;
  private readonly abort = new LazySignal();

  constructor(
    readonly parent: Context,
    what: string,
  ) {
    this.rt = requireRuntime(what);
    const { id, label } = this.rt.register('context');
    this.id = id;
    this.label = label;
    this.footprint = [{ obj: id, write: true }];
  }

  done(): Chan<void> | null {
    if (this.doneChan !== null) return this.doneChan;
    if (this.rt.caller('done', this.label) === null) return null;
    const ch = new Chan<void>(0);
    this.doneChan = ch;
    if (this.errValue !== null) {
      ch.close();
      if (this.cancelClock !== null) ch.closedAfter(this.cancelClock); // the cancel, not this call
    }
    return ch;
  }

  err(): Error | null {
    if (this.errValue !== null) this.observeCancel();
    return this.errValue;
  }

  cause(): Error | null {
    if (this.causeValue !== null) this.observeCancel();
    return this.causeValue;
  }

  /** Go's Err and Cause lock the mutex cancel held: seeing the cancel orders the caller after it. */
  private observeCancel(): void {
    if (this.cancelClock === null) return;
    const t = this.rt.accessor(this.label);
    if (t !== null) this.rt.race!.acquire(t.id, this.cancelClock);
  }

  value(key: unknown): unknown {
    return key === cancelCtxKey ? this : this.parent.value(key);
  }

  deadline(): [number, boolean] {
    return this.parent.deadline();
  }

  get signal(): AbortSignal {
    return this.abort.get(this.causeValue);
  }

  toString(): string {
    return `${contextName(this.parent)}.WithCancel`;
  }

  /** A cancel function's call: a synchronous operation of the calling task. */
  cancelBy(op: string, err: Error, cause: Error | null): void {
    if (this.rt.caller(op, this.label) === null) return;
    this.cancel(true, err, cause);
  }

  /**
   * Go's `(*cancelCtx).cancel`: record err and cause (cause defaults to err), close done, cancel the
   * children with the same err and cause, abort the signal; a second call does nothing. Runs in the
   * step of the task that cancels (`rt.current`).
   */
  cancel(removeFromParent: boolean, err: Error | null, cause: Error | null): void {
    if (err === null) throw new GoPanic(ContextPanic.missingCancelError);
    if (this.errValue !== null) return;
    const why = cause ?? err;
    this.errValue = err;
    this.causeValue = why;
    const rt = this.rt;
    const t = rt.current;
    if (t !== null) {
      rt.recorder?.emit(rt.steps, t.id, 'ContextCanceled', { obj: this.label, cause: why.message }, t.site);
      if (rt.race !== null) this.cancelClock = rt.race.snapshot(t.id);
    }
    this.doneChan?.close();
    const children = this.children;
    this.children = null;
    if (children !== null) for (const child of children) child.cancel(false, err, why);
    this.abort.abort(why);
    if (removeFromParent) removeChild(this.parent, this);
  }
}

/**
 * Go's `parentCancelCtx`: the nearest cancelable ancestor whose done channel is `parent`'s own. A
 * context of this package that only wraps its parent (withValue) shares its done channel by
 * construction; a user's own Context type may override `done()`, and then (as in Go) it is not
 * trusted and propagation falls back to a watcher task.
 */
export function parentCancelCtx(parent: Context): CancelCtx | null {
  const p = parent.value(cancelCtxKey);
  if (!(p instanceof CancelCtx)) return null;
  for (let c: Context = parent; c !== p;) {
    const inner = (c as { [wrapsDone]?: Context })[wrapsDone];
    if (inner === undefined) return parent.done() === p.done() ? p : null;
    c = inner;
  }
  return p;
}

export function removeChild(parent: Context, child: Canceler): void {
  parentCancelCtx(parent)?.children?.delete(child);
}

/**
 * Go's `propagateCancel`: arrange for `child` to be canceled when `parent` is. A parent of this
 * package records the child; a parent already canceled cancels it now; a parent that can never be
 * canceled (`done()` null) does nothing; any other Context gets Go's watcher goroutine.
 */
export function propagateCancel(parent: Context, child: CancelCtx): void {
  const p = parentCancelCtx(parent);
  if (p !== null) {
    const err = p.err();
    if (err !== null) child.cancel(false, err, p.cause());
    else (p.children ??= new Set()).add(child);
    return;
  }
  const done = parent.done();
  if (done === null || done === undefined) return;
  if (parent.err() !== null) {
    child.cancel(false, parent.err(), parent.cause());
    return;
  }
  go(async () => {
    const r = await select([{ recv: done }, { recv: child.done() }]);
    if (r.index === 0) child.cancel(false, parent.err(), parent.cause());
  }, 'context.propagateCancel');
}

/**
 * Go's `context.WithCancel`: a child of `parent` with its own done channel, closed when `cancel` is
 * called or when `parent` is canceled, whichever happens first. Call `cancel` when the work is done:
 * it releases the child from `parent`.
 *
 * ```ts
 * const [ctx, cancel] = context.withCancel(context.background());
 * go(() => worker(ctx));
 * cancel(); // worker's `select` on ctx.done() fires
 * ```
 */
export function withCancel(parent: Context): [Context, CancelFunc] {
  const c = new CancelCtx(requireParent(parent), 'context.withCancel');
  propagateCancel(parent, c);
  return [c, () => c.cancelBy('cancel', canceled, null)];
}

/**
 * Go's `context.WithCancelCause`: as `withCancel`, but `cancel(cause)` records why; `err()` is still
 * `canceled` and `context.cause(ctx)` returns the cause.
 */
export function withCancelCause(parent: Context): [Context, CancelCauseFunc] {
  const c = new CancelCtx(requireParent(parent), 'context.withCancelCause');
  propagateCancel(parent, c);
  return [c, (cause?: Error | null) => c.cancelBy('cancel', canceled, cause ?? null)];
}
