import { clockGet, clockSet, copyClock, type VectorClock } from './vector-clock.js';

/**
 * The clocks of a channel's pending receives, numbered, oldest first: the sends that complete them
 * come in the same order. A send completes only with buffer space, so at most C receives wait (C
 * the capacity), and with the values in the buffer, a channel holds at most C clocks, as Go's
 * detector keeps one per buffer slot. Stored compactly: the oldest clock whole, every later one as
 * its difference from the one before it (the entries that changed, 0 for one gone), which for the
 * receives of a semaphore or a worker pool is a few entries, not a clock per task.
 */
export class ReceiveClocks {
  /** The number of the oldest receive kept (its clock is `oldest`). */
  private first = 1;
  private oldest: VectorClock | null = null;
  /** The newest receive's clock (diffs are taken against it). */
  private newest: VectorClock | null = null;
  /**
   * diffs[head + i]: receive first+i+1's clock as its difference from receive first+i's, flat
   * (task, count, task, count...; count 0: the entry is gone); null where they are equal.
   */
  private diffs: (number[] | null)[] = [];
  private head = 0;

  /** How many clocks are kept. */
  get size(): number {
    return this.oldest === null ? 0 : 1 + this.diffs.length - this.head;
  }

  /** Receive number `k` (one more than the last pushed) completed with clock `c` (never mutated after). */
  push(k: number, c: VectorClock): void {
    if (this.oldest === null) {
      this.first = k;
      this.oldest = this.newest = c;
      return;
    }
    const d = difference(this.newest ?? this.rebuildNewest(), c);
    this.diffs.push(d.length > 0 ? d : null);
    this.newest = c;
  }

  /**
   * Receive `k` (one more than the last pushed, which must be kept) completed with the clock of the
   * last one changed by `changes` (task, count pairs, later ones winning; never a removal).
   */
  pushChanges(k: number, changes: number[]): void {
    if (this.oldest === null || k !== this.first + this.size)
      throw new Error('pushChanges: no receive before it is kept');
    this.diffs.push(changes.length > 0 ? changes : null);
    this.newest = null; // known again when needed (rebuildNewest) or when it becomes the oldest
  }

  /** The newest clock, from the oldest and the differences after it. */
  private rebuildNewest(): VectorClock {
    const c = copyClock(this.oldest!);
    for (let i = this.head; i < this.diffs.length; i++) applyDifference(c, this.diffs[i] ?? null);
    this.newest = c;
    return c;
  }

  /** The clock of receive `k`, dropping it and every older one (null: not kept, or k < 1). */
  take(k: number): VectorClock | null {
    if (k < this.first || this.oldest === null) return null;
    this.dropThrough(k - 1);
    if (this.oldest === null || this.first !== k) return null;
    const c = this.oldest;
    this.advance();
    return c;
  }

  /** Drop every receive kept (the numbering goes on). */
  clear(): void {
    if (this.oldest === null) return;
    this.first += this.size;
    this.oldest = this.newest = null;
    this.diffs = [];
    this.head = 0;
  }

  /** Drop the receives numbered up to `k`. */
  dropThrough(k: number): void {
    while (this.oldest !== null && this.first <= k) this.advance();
  }

  private advance(): void {
    if (this.head === this.diffs.length) {
      this.oldest = this.newest = null;
      this.diffs = [];
      this.head = 0;
      this.first++;
      return;
    }
    const d = this.diffs[this.head];
    this.diffs[this.head++] = null;
    if (d) {
      const next = copyClock(this.oldest!);
      applyDifference(next, d);
      this.oldest = next;
    }
    if (this.head === this.diffs.length) {
      // The oldest is the newest now: one clock, shared.
      if (this.newest === null) this.newest = this.oldest;
      else this.oldest = this.newest;
    }
    this.first++;
    if (this.head > 32 && this.head * 2 > this.diffs.length) {
      this.diffs = this.diffs.slice(this.head);
      this.head = 0;
    }
  }
}

/** Apply a difference (task, count pairs in order; count 0: the entry is gone) to `c`. */
function applyDifference(c: VectorClock, d: number[] | null): void {
  if (d === null) return;
  for (let i = 0; i < d.length; i += 2) {
    const t = d[i]!;
    const n = d[i + 1]!;
    if (n !== 0 || clockGet(c, t) !== 0) clockSet(c, t, n); // a 0 where it is 0 already: nothing to do
  }
}

/** The entries of `to` that differ from `from`'s, flat (task, count...), 0 for one `to` lacks. */
function difference(from: VectorClock, to: VectorClock): number[] {
  const d = scratch;
  d.length = 0;
  const n = Math.max(from.d.length, to.d.length);
  for (let t = 0; t < n; t++) {
    const v = clockGet(to, t);
    if (clockGet(from, t) !== v) d.push(t, v);
  }
  // Past both arrays, only the far entries can differ (in increasing task order).
  const a = from.farId >= n ? from.farId : -1;
  const b = to.farId >= n ? to.farId : -1;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (lo !== -1) pushIfDiffers(d, from, to, lo);
  if (hi !== lo) pushIfDiffers(d, from, to, hi);
  return d.slice(); // exactly as long as it is (push leaves room to grow)
}

function pushIfDiffers(d: number[], from: VectorClock, to: VectorClock, t: number): void {
  const v = clockGet(to, t);
  if (clockGet(from, t) !== v) d.push(t, v);
}

const scratch: number[] = [];
