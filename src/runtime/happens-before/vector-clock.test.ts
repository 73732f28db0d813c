import { fc, it as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  clockGet,
  clockOf,
  clockSet,
  clockSize,
  copyClock,
  entriesOf,
  joinClock,
  joinClockNoting,
  newClock,
  type VectorClock,
} from './vector-clock.js';

/** Every stored entry, dense part then the far one ([id, count], or null). */
const layout = (c: VectorClock): [number[], [number, number] | null] => [
  [...c.d],
  c.farId === -1 ? null : [c.farId, c.farCount],
];

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

  it('should keep one entry past its end apart, and grow with zeros when a second comes', () => {
    const c = newClock();
    clockSet(c, 5, 2);
    expect(layout(c)).toEqual([[], [5, 2]]);
    clockSet(c, 2, 7); // below the far entry: into the array
    expect(layout(c)).toEqual([
      [0, 0, 7],
      [5, 2],
    ]);
    clockSet(c, 9, 1); // above it: the far entry joins the array, the new one stays apart
    expect(layout(c)).toEqual([
      [0, 0, 7, 0, 0, 2],
      [9, 1],
    ]);
    expect(entriesOf(c)).toEqual(
      new Map([
        [2, 7],
        [5, 2],
        [9, 1],
      ]),
    );
  });

  it('should keep the clock of a task spawned late as short as what it knows (its parent and itself)', () => {
    const main = clockOf([[1, 3]]);
    const child = copyClock(main);
    clockSet(child, 10_000, 1);
    expect(clockSize(child)).toBe(3); // [0, 3] and the far entry, not 10,001 entries
    const message = copyClock(child);
    joinClock(main, message);
    expect(entriesOf(main)).toEqual(
      new Map([
        [1, 3],
        [10_000, 1],
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
    expect(entriesOf(short)).toEqual(
      new Map([
        [1, 4],
        [3, 9],
      ]),
    );
    const longer = clockOf([
      [1, 1],
      [3, 10],
    ]);
    joinClock(longer, clockOf([[2, 5]]));
    expect(entriesOf(longer)).toEqual(
      new Map([
        [1, 1],
        [2, 5],
        [3, 10],
      ]),
    );
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
    // A packed array of small integers: no holes, every entry a number; the far entry past its end.
    expect(Array.from(c.d, (v) => typeof v)).toEqual(Array.from({ length: c.d.length }, () => 'number'));
    expect(c.farId === -1 || c.farId >= c.d.length).toBe(true);
  });

  prop.prop([sparse, sparse])('should note exactly the entries a join raises, in task order', (a, b) => {
    const c = clockOf(a);
    const before = entriesOf(c);
    const noted: [number, number][] = [];
    joinClockNoting(c, clockOf(b), (t, n) => noted.push([t, n]));
    const raised = [...entriesOf(c)]
      .filter(([t, n]) => (before.get(t) ?? 0) !== n)
      .sort((x, y) => x[0] - y[0]);
    expect(noted).toEqual(raised);
  });
});

describe('the clocks of many tasks', () => {
  it('should stay as short as what each task knows: main spawning 2,000 tasks, each sending once', async () => {
    const { RaceDetector, ChanHappensBefore } = await import('./race.js');
    const d = new RaceDetector();
    const ch = new ChanHappensBefore(d, 2_000, 'chan#1');
    let stored = 0;
    for (let child = 2; child <= 2_001; child++) {
      d.spawn(1, child);
      stored += clockSize(d.copy(child));
      ch.buffered(child);
    }
    // Dense alone, each child's clock (and its message) was as long as its id: ~2 million entries.
    expect(stored).toBeLessThanOrEqual(3 * 2_000);
    for (let i = 0; i < 2_000; i++) ch.unbuffered(1);
    expect(clockGet(d.copy(1), 2_001)).toBe(1); // main learned the last child's send (its clock then)
  });
});
