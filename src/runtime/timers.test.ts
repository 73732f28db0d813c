import { describe, expect, it } from 'vitest';
import { TestOwner } from '../../test/fixtures/timer-owners.js';
import { Timer, TimerHeap } from './timers.js';

/*
 * The timer heap's contract: timers come out earliest first, ties in arming order (seq); removal by
 * handle from anywhere keeps that order; and its queries (due, earliestAfter, nextFiring,
 * nextPending) each answer by the same order.
 */

let made = 0;
function timer(when: number, seq: number, owner = new TestOwner('t')): Timer {
  const t = new Timer(owner, `main@timer${++made}`, 1);
  t.when = when;
  t.seq = seq;
  return t;
}

/** Pop everything, in order. */
function drain(heap: TimerHeap): Timer[] {
  const out: Timer[] = [];
  for (let t = heap.peek(); t !== undefined; t = heap.peek()) {
    heap.remove(t);
    out.push(t);
  }
  return out;
}

describe('TimerHeap', () => {
  it('should give the earliest timer first, and among timers due together the one armed first', () => {
    const heap = new TimerHeap();
    const a = timer(30, 1);
    const b = timer(10, 4);
    const c = timer(10, 2);
    const d = timer(20, 3);
    for (const t of [a, b, c, d]) heap.push(t);
    expect(heap.size).toBe(4);
    expect(drain(heap)).toEqual([c, b, d, a]);
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
  });

  it('should keep the order when a timer is removed from the middle, and know which are scheduled', () => {
    const heap = new TimerHeap();
    const timers = [50, 10, 40, 20, 30, 60, 5].map((when, i) => timer(when, i));
    for (const t of timers) heap.push(t);
    const forty = timers[2]!;
    expect(forty.scheduled).toBe(true);
    heap.remove(forty);
    expect(forty.scheduled).toBe(false);
    heap.remove(forty); // removing twice is harmless
    expect(drain(heap).map((t) => t.when)).toEqual([5, 10, 20, 30, 50, 60]);
  });

  it('should list the timers due at a time in firing order, leaving them in the heap', () => {
    const heap = new TimerHeap();
    const late = timer(100, 1);
    const second = timer(10, 5);
    const first = timer(10, 3);
    const zeroth = timer(0, 9);
    for (const t of [late, second, first, zeroth]) heap.push(t);
    const out: Timer[] = [];
    heap.due(10, out);
    expect(out).toEqual([zeroth, first, second]);
    expect(heap.size).toBe(4);
  });

  it('should find the earliest timer strictly after a time', () => {
    const heap = new TimerHeap();
    const now = timer(10, 1);
    const next = timer(20, 3);
    const tie = timer(20, 2);
    for (const t of [now, next, tie]) heap.push(t);
    expect(heap.earliestAfter(10)).toBe(tie);
    expect(heap.earliestAfter(20)).toBeNull();
  });

  it('should find the next timer that fires when due (pending or eager) and the next pending one', () => {
    const heap = new TimerHeap();
    const idle = new TestOwner('idle', false);
    const unrefd = new TestOwner('unref', false, true);
    const sleep = new TestOwner('sleep', true);
    const a = timer(10, 1, idle);
    const b = timer(20, 2, unrefd);
    const c = timer(30, 3, sleep);
    for (const t of [a, b, c]) heap.push(t);
    expect(heap.nextFiring(0)).toBe(b); // the idle channel timer is skipped, the eager one is not
    expect(heap.nextFiring(20)).toBe(c);
    expect(heap.nextPending()).toBe(c); // eager does not keep the run alive
    sleep.isPending = false;
    expect(heap.nextPending()).toBeNull();
  });
});

describe('Timer', () => {
  it('should hash its stable id the same way every time, never to 0', () => {
    const owner = new TestOwner('t');
    const a = new Timer(owner, 'main/worker@timer2', 2);
    const b = new Timer(owner, 'main/worker@timer2', 2);
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(0);
    expect(a.hash).not.toBe(new Timer(owner, 'main/worker@timer3', 2).hash);
    expect(a.scheduled).toBe(false);
    expect(a.footprint()).toEqual(owner.footprint());
  });
});
