/*
 * A vector clock: task id → the count of that task's releases known (0: none). Dense: task ids are
 * small sequential integers per run (1..n), so a clock is an array indexed by task id, kept a packed
 * array of small integers (V8's fastest kind: grown by push, never holes, never a non-integer).
 * Measured against Map (the representation before) and a class over a growable Int32Array, on
 * clocks of 3 and of 1,000 entries: a join costs about what the Int32Array's does (15 vs 11 ns at 3,
 * 1.6 vs 1.5 µs at 1,000; Map: 30 ns and 12 µs) and a copy is the cheapest of the three (12 ns vs
 * 260 ns and 99 ns at 3; 0.47 µs vs 7 µs and 40 µs at 1,000): a typed array's allocation is slow.
 *
 * Only happens-before/ knows this: everywhere else a clock is made by newClock() and handed back.
 * An array may end in zeros (entries that were joined or set to 0): compare clocks by entriesOf.
 */
declare const clockBrand: unique symbol;

/** A vector clock (see above); opaque outside happens-before/. */
export type VectorClock = number[] & { readonly [clockBrand]: true };

/** An empty clock: knows nothing. */
export function newClock(): VectorClock {
  return [] as number[] as VectorClock;
}

/** The count of `task`'s releases `c` knows. */
export function clockGet(c: VectorClock, task: number): number {
  return task < c.length ? c[task]! : 0;
}

/** Sets `task`'s count in `c`, growing it with zeros (pushed, so the array stays packed). */
export function clockSet(c: VectorClock, task: number, count: number): void {
  while (c.length <= task) c.push(0);
  c[task] = count;
}

/** A copy of `c`. */
export function copyClock(c: VectorClock): VectorClock {
  return c.slice() as VectorClock;
}

/** `into` becomes the entry-wise maximum of itself and `from`. */
export function joinClock(into: VectorClock, from: VectorClock): void {
  const n = from.length;
  while (into.length < n) into.push(0);
  for (let i = 0; i < n; i++) {
    const v = from[i]!;
    if (into[i]! < v) into[i] = v;
  }
}

/** The clock's non-zero entries, task → count (for tests and messages; not on a hot path). */
export function entriesOf(c: VectorClock): Map<number, number> {
  const m = new Map<number, number>();
  for (let t = 0; t < c.length; t++) if (c[t]! !== 0) m.set(t, c[t]!);
  return m;
}

/** A clock with the given entries (task → count). */
export function clockOf(entries: Iterable<readonly [number, number]>): VectorClock {
  const c = newClock();
  for (const [t, n] of entries) clockSet(c, t, n);
  return c;
}
