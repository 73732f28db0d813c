import { fc, it as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { clockGet, clockOf, clockSet, copyClock, entriesOf, joinClock, newClock } from './vector-clock.js';

/** A sparse clock as [task, count] pairs, tasks 1..40 (0: no task has id 0). */
const sparse = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 1000 })), {
  selector: ([t]) => t,
  maxLength: 12,
});

describe('VectorClock', () => {
  it('should know nothing when new, and read 0 past its end', () => {
    const c = newClock();
    expect(clockGet(c, 0)).toBe(0);
    expect(clockGet(c, 1000)).toBe(0);
    expect(entriesOf(c)).toEqual(new Map());
  });

  it('should grow to the task set, with zeros between', () => {
    const c = newClock();
    clockSet(c, 5, 2);
    expect(c).toEqual([0, 0, 0, 0, 0, 2]);
    clockSet(c, 2, 7);
    expect(c).toEqual([0, 0, 7, 0, 0, 2]);
    expect(entriesOf(c)).toEqual(
      new Map([
        [2, 7],
        [5, 2],
      ]),
    );
  });

  it('should join clocks of unequal lengths, growing the shorter into the longer', () => {
    const short = clockOf([[1, 4]]);
    const long = clockOf([
      [1, 2],
      [3, 9],
    ]);
    joinClock(short, long);
    expect(short).toEqual([0, 4, 0, 9]);
    const longer = clockOf([
      [1, 1],
      [3, 10],
    ]);
    joinClock(longer, clockOf([[2, 5]]));
    expect(longer).toEqual([0, 1, 5, 10]);
  });

  it('should copy, so that a change to the copy leaves the original', () => {
    const c = clockOf([[2, 3]]);
    const d = copyClock(c);
    clockSet(d, 2, 4);
    clockSet(d, 9, 1);
    expect(entriesOf(c)).toEqual(new Map([[2, 3]]));
    expect(entriesOf(d)).toEqual(
      new Map([
        [2, 4],
        [9, 1],
      ]),
    );
  });

  prop.prop([sparse, sparse])('should join as the entry-wise maximum of the sparse clocks', (a, b) => {
    const c = clockOf(a);
    joinClock(c, clockOf(b));
    const want = new Map(a);
    for (const [t, n] of b) if ((want.get(t) ?? 0) < n) want.set(t, n);
    expect(entriesOf(c)).toEqual(want);
    // A packed array of small integers: no holes, every entry a number.
    expect(Array.from(c, (v) => typeof v)).toEqual(Array.from({ length: c.length }, () => 'number'));
  });
});
