import { hashString } from './fingerprint.js';
import type { VectorClock } from './happens-before/race.js';
import type { Footprint, Option } from '../strategies/strategy.js';

/** What a timer does when it fires, and whether it keeps the run alive while it waits. */
export interface TimerOwner {
  readonly label: string;
  /**
   * Fire, inside a step, on the runtime's stack: wake a task, fill a channel, or spawn a task for a
   * callback. Never runs user code directly.
   */
  fire(timer: Timer): void;
  /**
   * Whether the run should advance the clock for this timer. Go 1.23: a channel timer (`after`,
   * `Timer.C`, `Ticker.C`) counts only while a task is blocked on its channel, so a forgotten ticker
   * does not hide a deadlock; sleeps and `afterFunc` timers always count.
   */
  pending(timer: Timer): boolean;
  /**
   * Fires when due even while not pending: nothing expires it lazily (a Node timer that was
   * unref'd still runs its callback, in deadline order, while the run goes on).
   */
  readonly eager?: boolean;
  footprint(): Footprint;
}

/** A scheduled firing. An option of the strategy when due (`main/worker@timer2`). */
export class Timer implements Option {
  when = 0;
  /** Creation order among armings: the tie-break of timers due at the same instant. */
  seq = 0;
  /** Position in the heap, -1 when not scheduled. */
  index = -1;
  /**
   * Happens-before (race detector): what every arming and reset published. The Go memory model
   * orders a timer's arming before its firing, so the receive of its value, or the task its
   * callback starts, acquires this.
   */
  hb: VectorClock | null = null;

  constructor(
    readonly owner: TimerOwner,
    readonly stableId: string,
    /** The task that created it. */
    readonly task: number,
  ) {}

  private hashCache = 0;
  /** Hash of the stable id, for coverage fingerprints (computed on first use). */
  get hash(): number {
    return (this.hashCache ||= hashString(this.stableId) || 1);
  }

  get scheduled(): boolean {
    return this.index >= 0;
  }

  footprint(): Footprint {
    return this.owner.footprint();
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.when < b.when || (a.when === b.when && a.seq < b.seq);
}

/** A binary min-heap of timers by (when, seq), with removal by handle. */
export class TimerHeap {
  readonly items: Timer[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Timer | undefined {
    return this.items[0];
  }

  push(t: Timer): void {
    t.index = this.items.length;
    this.items.push(t);
    this.up(t.index);
  }

  remove(t: Timer): void {
    const i = t.index;
    if (i < 0) return;
    const last = this.items.pop()!;
    t.index = -1;
    if (last === t) return;
    this.items[i] = last;
    last.index = i;
    this.up(i);
    this.down(last.index);
  }

  private up(i: number): void {
    const items = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(items[i]!, items[p]!)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const items = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && before(items[l]!, items[m]!)) m = l;
      if (r < items.length && before(items[r]!, items[m]!)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    const a = this.items[i]!;
    const b = this.items[j]!;
    this.items[i] = b;
    this.items[j] = a;
    a.index = j;
    b.index = i;
  }

  /** Timers due at `now`, in firing order (when, then seq). */
  due(now: number, out: Timer[]): void {
    for (const t of this.items) if (t.when <= now) out.push(t);
    if (out.length > 1) out.sort((a, b) => (before(a, b) ? -1 : 1));
  }

  /** The earliest timer due strictly after `now`, if any. */
  earliestAfter(now: number): Timer | null {
    let best: Timer | null = null;
    for (const t of this.items) if (t.when > now && (best === null || before(t, best))) best = t;
    return best;
  }

  /** The earliest timer ahead of `now` that fires when due (pending or eager), if any. */
  nextFiring(now: number): Timer | null {
    let best: Timer | null = null;
    for (const t of this.items) {
      if (t.when > now && (best === null || before(t, best)) && (t.owner.eager || t.owner.pending(t)))
        best = t;
    }
    return best;
  }

  /** The earliest timer whose owner counts it as pending, if any. */
  nextPending(): Timer | null {
    let best: Timer | null = null;
    for (const t of this.items) if ((best === null || before(t, best)) && t.owner.pending(t)) best = t;
    return best;
  }
}
