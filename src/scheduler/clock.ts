import type { Task } from './task.js';
import { Timer, TimerHeap, type TimerOwner } from './timers.js';

export type TimeJumps = 'due' | 'any';

/**
 * A run's virtual clock and its timers. Time is integer nanoseconds since the run started; it moves
 * only when the runtime says so (nothing runnable, or a strategy firing a future timer under
 * `timeJumps: 'any'`), so sleeps and timeouts cost no real time.
 */
export class Clock {
  now = 0;
  private readonly heap = new TimerHeap();
  private seq = 0;
  private anonymous = 0;
  private readonly dueBuf: Timer[] = [];

  constructor(
    private readonly timeJumps: TimeJumps,
    /** Told whenever the clock moves (the faked Date and performance follow it). */
    private readonly onAdvance: (now: number, by: number) => void,
  ) {}

  get size(): number {
    return this.heap.size;
  }

  /** A timer owned by `owner`, created by `creator`. Not yet armed. */
  newTimer(owner: TimerOwner, creator: Task | null): Timer {
    const stableId = creator ? creator.timerStableId() : `runtime@timer${++this.anonymous}`;
    return new Timer(owner, stableId, creator?.id ?? 0);
  }

  /** Arm (or re-arm) `timer` to fire at `when` (ns); a time in the past is due now. */
  arm(timer: Timer, when: number): void {
    if (timer.scheduled) this.heap.remove(timer);
    timer.when = Math.max(Math.floor(when), this.now);
    timer.seq = ++this.seq;
    this.heap.push(timer);
  }

  /** Disarm `timer`; true if it was armed. */
  disarm(timer: Timer): boolean {
    if (!timer.scheduled) return false;
    this.heap.remove(timer);
    return true;
  }

  /**
   * The timers that compete with runnable tasks at this step, or null (the fast path). A due timer
   * nobody waits on is not an option: Go 1.23 runs channel timers lazily, when a receive looks at
   * their channel (the primitive does that), so only pending ones compete. With `timeJumps: 'any'`
   * the earliest future pending timer is an option too while tasks are runnable.
   */
  due(runnable: number): Timer[] | null {
    const first = this.heap.peek();
    if (first === undefined) return null;
    const any = this.timeJumps === 'any' && runnable > 0;
    if (first.when > this.now && !any) return null;
    const due = this.dueBuf;
    due.length = 0;
    this.heap.due(this.now, due);
    let k = 0;
    for (const t of due) if (t.owner.pending(t)) due[k++] = t;
    due.length = k;
    if (any) {
      const next = this.heap.nextPending();
      if (next && next.when > this.now) due.push(next);
    }
    return due.length > 0 ? due : null;
  }

  /** The earliest timer that keeps the run alive, if any. */
  nextPending(): Timer | null {
    return this.heap.size === 0 ? null : this.heap.nextPending();
  }

  /** Take `timer` out of the heap to fire it, moving time to it if it lies ahead. */
  take(timer: Timer): void {
    if (timer.when > this.now) this.advance(timer.when);
    this.heap.remove(timer);
  }

  advance(when: number): void {
    const by = when - this.now;
    this.now = when;
    this.onAdvance(when, by);
  }
}
