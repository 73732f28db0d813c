import type { Task } from './task.js';
import { Timer, TimerHeap, type TimerOwner } from './timers.js';

export type TimeJumps = 'due' | 'any';

/**
 * A run's virtual clock and its timers. Time is integer nanoseconds since the run started; it moves
 * only when the runtime says so (nothing runnable; or the strategy firing the next timer while every
 * runnable task only spins, or at any step under `timeJumps: 'any'`), so sleeps and timeouts cost
 * no real time.
 */
export class Clock {
  now = 0;
  private readonly heap = new TimerHeap();
  private seq = 0;
  private anonymous = 0;
  private readonly dueBuf: Timer[] = [];

  constructor(
    /** `any`: the strategy may move the clock to the next timer at any step, not only past spins. */
    readonly timeJumps: TimeJumps,
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
   * their channel (the primitive does that), so only pending ones compete. With `jump` (every
   * runnable task only spins, or `timeJumps: 'any'`), the earliest timer still ahead is an option
   * too, whoever waits on it: letting the clock move to it, in deadline order (see `ahead`).
   * `limit`: no jump past this time (the grace time after main returned).
   */
  due(jump: boolean, limit: number): Timer[] | null {
    const first = this.heap.peek();
    if (first === undefined) return null;
    if (first.when > this.now && !jump) return null;
    const due = this.dueBuf;
    due.length = 0;
    if (first.when <= this.now) {
      this.heap.due(this.now, due);
      let k = 0;
      for (const t of due) if (t.owner.eager || t.owner.pending(t)) due[k++] = t;
      due.length = k;
    }
    // Deadline order: no jump past a timer that is due and not fired yet.
    if (jump && due.length === 0) {
      const next = this.ahead();
      if (next !== null && next.when <= limit) due.push(next);
    }
    return due.length > 0 ? due : null;
  }

  /**
   * The earliest armed timer still ahead of the clock, pending or not: moving the clock past a
   * timer without firing it would break deadline order (a 150 ms sleep waking before a 100 ms
   * `after` that a polling task would have seen). Timers already due stay for their receivers.
   */
  ahead(): Timer | null {
    const first = this.heap.peek();
    if (first === undefined) return null;
    if (first.when > this.now) return first;
    return this.heap.earliestAfter(this.now);
  }

  /**
   * Where the clock moves when nothing can run: the earliest timer that fires when due, provided a
   * timer keeps the run alive (see TimerOwner.pending); null when none does.
   */
  nextPending(): Timer | null {
    if (this.heap.size === 0 || this.heap.nextPending() === null) return null;
    return this.heap.nextFiring(this.now);
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
