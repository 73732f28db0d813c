import { CancelCtx, propagateCancel, removeChild } from './cancel.js';
import { canceled, contextName, requireParent, type Context } from './context.js';

/*
 * Go's afterFuncCtx: a hidden child of `ctx` whose cancel starts `fn` in a task of its own, once.
 * `stop` and the start race for that "once": whichever comes first wins, in one step.
 */
class AfterFuncCtx extends CancelCtx {
  /** `fn` started, or `stop` called: nothing more happens. */
  claimed = false;

  constructor(
    parent: Context,
    private readonly fn: () => unknown,
  ) {
    super(parent, 'context.afterFunc');
  }

  override cancel(removeFromParent: boolean, err: Error | null, cause: Error | null): void {
    super.cancel(false, err, cause);
    if (removeFromParent) removeChild(this.parent, this);
    if (this.claimed) return;
    this.claimed = true;
    const rt = this.rt;
    rt.spawnFor(rt.current?.id ?? 0, this.fn, this.fn.name || 'context.afterFunc');
  }

  override toString(): string {
    return `${contextName(this.parent)}.AfterFunc`;
  }
}

/**
 * Go's `context.AfterFunc`: once `ctx` is done, run `fn` in a task of its own (at once if `ctx` is
 * already done). `stop()` prevents that: it returns true if it stopped `fn` from being started, false
 * if `fn` was already started or stopped. `stop` does not wait for a started `fn` to finish.
 *
 * ```ts
 * const stop = context.afterFunc(ctx, () => conn.close());
 * ...
 * if (!stop()) await closed.recv(); // fn started: wait for it
 * ```
 */
export function afterFunc(ctx: Context, fn: () => unknown): () => boolean {
  const a = new AfterFuncCtx(requireParent(ctx), fn);
  propagateCancel(ctx, a);
  return () => {
    if (a.rt.caller('stop', a.label) === null) return false;
    if (a.claimed) return false;
    a.claimed = true;
    a.cancel(true, canceled, null);
    return true;
  };
}
