import { formatDuration, type Duration } from '../../base/duration.js';
import type { Footprint } from '../../strategies/strategy.js';
import type { Timer, TimerOwner } from '../../runtime/timers.js';
import { requireRuntime } from '../chan.js';
import { CancelCtx, propagateCancel, withCancel, type CancelFunc } from './cancel.js';
import { canceled, contextName, deadlineExceeded, requireParent, type Context } from './context.js';

/** A point in virtual time: nanoseconds since the run started, or anything with `ns` (a `time.Time`). */
export type Deadline = number | { readonly ns: number };

/*
 * Go's timerCtx: a cancelCtx with a deadline and a timer. Go arms `time.AfterFunc(d, cancel)`, so
 * the cancel runs in a goroutine of its own; here too: the timer's firing starts a task that cancels
 * with `deadlineExceeded`. Between the firing and that task's step other tasks may run (and a cancel
 * at the same instant may win), as in Go. The timer always counts as pending (Go's AfterFunc timers
 * do): a task waiting only on the context's done channel is asleep until the deadline, not deadlocked.
 */
class TimerCtx extends CancelCtx {
  private timer: Timer | null = null;

  constructor(
    parent: Context,
    readonly when: number,
  ) {
    super(parent, 'context.withDeadline');
  }

  /** Arm the timer; the deadline's cancel carries `cause` (withDeadlineCause). */
  arm(cause: Error | null): void {
    const rt = this.rt;
    this.timer = rt.newTimer(new DeadlineTimer(this, cause));
    rt.armTimer(this.timer, this.when);
  }

  override deadline(): [number, boolean] {
    return [this.when, true];
  }

  override cancel(removeFromParent: boolean, err: Error | null, cause: Error | null): void {
    super.cancel(removeFromParent, err, cause);
    if (this.timer !== null) {
      this.rt.disarmTimer(this.timer);
      this.timer = null;
    }
  }

  /** The deadline's own task: cancel unless a cancel got there first. */
  expire(cause: Error | null): void {
    if (this.rt.caller('context deadline', this.label) === null) return;
    this.cancel(true, deadlineExceeded, cause);
  }

  override toString(): string {
    const left = this.when - this.rt.now;
    return `${contextName(this.parent)}.WithDeadline(T+${formatDuration(this.when)} [${formatDuration(left)}])`;
  }
}

class DeadlineTimer implements TimerOwner {
  readonly label: string;

  constructor(
    private readonly ctx: TimerCtx,
    private readonly why: Error | null,
  ) {
    this.label = `${ctx.label} deadline`;
  }

  fire(timer: Timer): void {
    const ctx = this.ctx;
    if (ctx.err() !== null) return;
    ctx.rt.spawnFor(timer.task, () => ctx.expire(this.why), 'context.deadline', timer.hb);
  }

  pending(): boolean {
    return true;
  }

  footprint(): Footprint {
    return this.ctx.footprint;
  }
}

function nanos(d: Deadline): number {
  return Math.floor(typeof d === 'number' ? d : d.ns);
}

/**
 * Go's `context.WithDeadlineCause`: as `withDeadline`, and when the deadline passes, `cause(ctx)` is
 * `cause` (`err()` is still `deadlineExceeded`).
 */
export function withDeadlineCause(
  parent: Context,
  deadline: Deadline,
  cause: Error | null,
): [Context, CancelFunc] {
  requireParent(parent);
  const when = nanos(deadline);
  const [cur, ok] = parent.deadline();
  // The parent's deadline is earlier: this child can only end sooner by its cancel.
  if (ok && cur < when) return withCancel(parent);
  const c = new TimerCtx(parent, when);
  propagateCancel(parent, c);
  if (when <= c.rt.now) {
    c.cancel(true, deadlineExceeded, cause);
    return [c, () => c.cancelBy('cancel', canceled, null)];
  }
  if (c.err() === null) c.arm(cause);
  return [c, () => c.cancelBy('cancel', canceled, null)];
}

/**
 * Go's `context.WithDeadline`: a child canceled with `deadlineExceeded` at virtual time `deadline`
 * (ns since the run started), or earlier by `cancel` or its parent. A parent's earlier deadline wins.
 * Call `cancel` when the work is done: it stops the timer.
 */
export function withDeadline(parent: Context, deadline: Deadline): [Context, CancelFunc] {
  return withDeadlineCause(parent, deadline, null);
}

/** Go's `context.WithTimeoutCause`: `withDeadlineCause(parent, now + timeout, cause)`. */
export function withTimeoutCause(
  parent: Context,
  timeout: Duration,
  cause: Error | null,
): [Context, CancelFunc] {
  requireParent(parent);
  return withDeadlineCause(parent, requireRuntime('context.withTimeout').now + timeout, cause);
}

/**
 * Go's `context.WithTimeout`: `withDeadline(parent, now + timeout)`, `timeout` in nanoseconds of
 * virtual time.
 *
 * ```ts
 * const [ctx, cancel] = context.withTimeout(context.background(), 50 * Millisecond);
 * const r = await select([{ recv: ctx.done() }, { recv: results }]);
 * cancel();
 * ```
 */
export function withTimeout(parent: Context, timeout: Duration): [Context, CancelFunc] {
  return withTimeoutCause(parent, timeout, null);
}
