import { GoPanic } from '../base/errors.js';
import { summarize } from '../runtime/recorder.js';
import type { EventPayloads } from '../runtime/events.js';
import type { Owned, Runtime } from '../runtime/contract.js';
import { newClock } from '../runtime/happens-before/race.js';
import type { Footprint } from '../strategies/strategy.js';
import type { Task } from '../runtime/task.js';
import { requireRuntime } from './chan.js';
import { Panic } from '../base/go-texts.js';

/*
 * Go's sync/atomic types (Int64, Bool, Value). Every operation is synchronous and sequentially
 * consistent: it happens in the step of the task that calls it (DESIGN.md: atomics are non-blocking
 * operations, not switch points), so a CAS loop needs a `yield_()` or a blocking operation between
 * attempts to let other tasks in. They belong to a run like every primitive and emit events when a
 * schedule is recorded. `readFootprint`/`writeFootprint` declare what loads and mutations touch.
 */

type AtomicEvent =
  'AtomicLoaded' | 'AtomicStored' | 'AtomicAdded' | 'AtomicSwapped' | 'AtomicCompareAndSwapped';

/** The common part: registration, footprints, the calling task, events. */
abstract class Atomic implements Owned {
  readonly rt: Runtime;
  readonly id: number;
  readonly label: string;
  /** What a load touches (a read of this object), and what a mutation touches (a write). */
  readonly readFootprint: Footprint;
  readonly writeFootprint: Footprint;

  constructor(kind: string) {
    this.rt = requireRuntime(`new atomic.${kind}()`);
    const { id, label } = this.rt.register(`atomic.${kind}`);
    this.id = id;
    this.label = label;
    this.readFootprint = [{ obj: id, write: false }];
    this.writeFootprint = [{ obj: id, write: true }];
  }

  /** The calling task, after recording `event` if a schedule is being recorded; null if not in this run. */
  protected touch<K extends AtomicEvent>(
    op: string,
    event: K,
    detail: () => Omit<EventPayloads[K], 'obj'>,
    writes = op !== 'load',
  ): Task | null {
    const rt = this.rt;
    const t = rt.caller(op, this.label);
    if (t !== null && rt.race) {
      // Go: an atomic operation that observes another's effect is ordered after it. Every
      // operation observes what the writes before it published; only writes publish.
      rt.race.acquire(t.id, this.clock);
      if (writes) rt.race.release(t.id, this.clock);
    }
    if (t !== null && rt.recorder) {
      const payload = { obj: this.label, ...detail() } as EventPayloads[K];
      rt.recorder.emit(rt.steps, t.id, event, payload, t.site);
    }
    return t;
  }

  /** Happens-before: what the writes so far published (race detector). */
  private readonly clock = newClock();
}

/**
 * Go's `atomic.Int64` (and `Int32`): an integer with atomic load, store, add, swap and compare-and-swap.
 * Values are JavaScript numbers (exact up to 2^53; Go's wrap-around on overflow is not modelled).
 *
 * ```ts
 * const hits = new atomic.Int();
 * hits.add(1);
 * ```
 */
export class Int extends Atomic {
  private v: number;

  constructor(initial = 0) {
    super('Int');
    this.v = initial;
  }

  load(): number {
    this.touch('load', 'AtomicLoaded', () => ({ value: String(this.v) }));
    return this.v;
  }

  store(value: number): void {
    this.touch('store', 'AtomicStored', () => ({ value: String(value) }));
    this.v = value;
  }

  /** Adds `delta` and returns the new value. */
  add(delta: number): number {
    this.touch('add', 'AtomicAdded', () => ({ delta: String(delta), result: String(this.v + delta) }));
    return (this.v += delta);
  }

  /** Stores `value` and returns the old one. */
  swap(value: number): number {
    this.touch('swap', 'AtomicSwapped', () => ({ old: String(this.v), new: String(value) }));
    const old = this.v;
    this.v = value;
    return old;
  }

  /** Stores `next` if the value is `old`; reports whether it did. */
  compareAndSwap(old: number, next: number): boolean {
    const ok = this.v === old;
    this.touch(
      'compareAndSwap',
      'AtomicCompareAndSwapped',
      () => ({ old: String(old), new: String(next), swapped: ok }),
      ok,
    );
    if (ok) this.v = next;
    return ok;
  }
}

/** Go's `atomic.Bool`. */
export class Bool extends Atomic {
  private v: boolean;

  constructor(initial = false) {
    super('Bool');
    this.v = initial;
  }

  load(): boolean {
    this.touch('load', 'AtomicLoaded', () => ({ value: String(this.v) }));
    return this.v;
  }

  store(value: boolean): void {
    this.touch('store', 'AtomicStored', () => ({ value: String(value) }));
    this.v = value;
  }

  swap(value: boolean): boolean {
    this.touch('swap', 'AtomicSwapped', () => ({ old: String(this.v), new: String(value) }));
    const old = this.v;
    this.v = value;
    return old;
  }

  compareAndSwap(old: boolean, next: boolean): boolean {
    const ok = this.v === old;
    this.touch(
      'compareAndSwap',
      'AtomicCompareAndSwapped',
      () => ({ old: String(old), new: String(next), swapped: ok }),
      ok,
    );
    if (ok) this.v = next;
    return ok;
  }
}

/** Go's dynamic type of a value, as far as JavaScript has one: the prototype of an object, else typeof. */
function typeOf(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? Object.getPrototypeOf(v) : typeof v;
}

function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/**
 * Go's `atomic.Value`: holds a value of one consistent type. `load` returns `undefined` (Go's nil)
 * before the first store. As in Go, storing `null`/`undefined` panics, and so does storing a value of
 * another type than the first one stored (`typeof`, or the prototype for objects). `compareAndSwap`
 * compares with `===`.
 */
export class Value<T> extends Atomic {
  private v: T | undefined = undefined;
  private stored = false;

  constructor() {
    super('Value');
  }

  load(): T | undefined {
    this.touch('load', 'AtomicLoaded', () => ({ value: summarize(this.v) }));
    return this.v;
  }

  store(value: T): void {
    if (isNil(value)) throw new GoPanic(Panic.atomicStoreNil);
    if (this.stored && typeOf(value) !== typeOf(this.v)) throw new GoPanic(Panic.atomicStoreInconsistent);
    this.touch('store', 'AtomicStored', () => ({ value: summarize(value) }));
    this.v = value;
    this.stored = true;
  }

  swap(value: T): T | undefined {
    if (isNil(value)) throw new GoPanic(Panic.atomicSwapNil);
    if (this.stored && typeOf(value) !== typeOf(this.v)) throw new GoPanic(Panic.atomicSwapInconsistent);
    this.touch('swap', 'AtomicSwapped', () => ({ old: summarize(this.v), new: summarize(value) }));
    const old = this.v;
    this.v = value;
    this.stored = true;
    return old;
  }

  /** Stores `next` if the current value is `old` (`undefined` matches a Value never stored). */
  compareAndSwap(old: T | undefined, next: T): boolean {
    if (isNil(next)) throw new GoPanic(Panic.atomicCasNil);
    if (!isNil(old) && typeOf(old) !== typeOf(next)) throw new GoPanic(Panic.atomicCasInconsistentValues);
    let ok: boolean;
    if (!this.stored) {
      ok = isNil(old);
    } else {
      if (typeOf(next) !== typeOf(this.v)) throw new GoPanic(Panic.atomicCasInconsistent);
      ok = this.v === old;
    }
    this.touch('compareAndSwap', 'AtomicCompareAndSwapped', () => ({
      old: summarize(old),
      new: summarize(next),
      swapped: ok,
    }));
    if (ok) {
      this.v = next;
      this.stored = true;
    }
    return ok;
  }
}
