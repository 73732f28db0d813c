import { GoPanic } from '../../base/errors.js';
import {
  cancelCtxKey,
  contextName,
  ContextPanic,
  requireParent,
  wrapsDone,
  type Context,
} from './context.js';
import { neverAborted } from './signal.js';

/** Go's valueCtx: one key and value; everything else is its parent's. */
class ValueCtx implements Context {
  readonly [wrapsDone]: Context;

  constructor(
    readonly parent: Context,
    private readonly key: unknown,
    private readonly val: unknown,
  ) {
    this[wrapsDone] = parent;
  }

  done(): ReturnType<Context['done']> {
    return this.parent.done();
  }
  err(): Error | null {
    return this.parent.err();
  }
  cause(): Error | null {
    return this.parent.cause();
  }
  value(key: unknown): unknown {
    return key === this.key ? this.val : this.parent.value(key);
  }
  deadline(): [number, boolean] {
    return this.parent.deadline();
  }
  get signal(): AbortSignal {
    return this.parent.signal;
  }
  toString(): string {
    return `${contextName(this.parent)}.WithValue(${show(this.key)}, ${show(this.val)})`;
  }
}

/** Go's `stringify`: a Stringer's text, a string as is, `<nil>`, else the type's name. */
function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object' || typeof v === 'function') {
    const own = (v as { toString?: unknown }).toString;
    if (typeof own === 'function' && own !== Object.prototype.toString && own !== Function.prototype.toString)
      return (own as () => string).call(v);
    return (v as { constructor?: { name?: string } }).constructor?.name ?? typeof v;
  }
  if (typeof v === 'symbol') return v.toString();
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : typeof v;
}

/**
 * Go's `context.WithValue`: a child whose `value(key)` is `val`. Keys compare with `===`; use a
 * module-private symbol or object so packages do not collide. Panics with Go's `nil key` for
 * `null`/`undefined`.
 */
export function withValue(parent: Context, key: unknown, val: unknown): Context {
  requireParent(parent);
  if (key === null || key === undefined) throw new GoPanic(ContextPanic.nilKey);
  return new ValueCtx(parent, key, val);
}

/** Go's withoutCancelCtx: the parent's values, never canceled, no deadline. */
class WithoutCancelCtx implements Context {
  constructor(readonly parent: Context) {}
  done(): null {
    return null;
  }
  err(): null {
    return null;
  }
  cause(): null {
    return null;
  }
  value(key: unknown): unknown {
    return key === cancelCtxKey ? undefined : this.parent.value(key);
  }
  deadline(): [number, boolean] {
    return [0, false];
  }
  get signal(): AbortSignal {
    return neverAborted();
  }
  toString(): string {
    return `${contextName(this.parent)}.WithoutCancel`;
  }
}

/**
 * Go's `context.WithoutCancel`: keeps `parent`'s values but is not canceled when it is (no done
 * channel, no deadline). For work that must finish after the request that started it.
 */
export function withoutCancel(parent: Context): Context {
  return new WithoutCancelCtx(requireParent(parent));
}
