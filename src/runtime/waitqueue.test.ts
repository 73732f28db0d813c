import { describe, expect, it } from 'vitest';
import { dequeueFiring, Waiter, WaitQueue } from './waitqueue.js';

/*
 * A wait queue's contract (Go's sudog queue): FIFO, removal from anywhere in O(1), a waiter in at
 * most one queue, and a select's firing taking its other cases out of their queues.
 */

const values = (q: WaitQueue): unknown[] => [...q].map((w) => w.value);

describe('WaitQueue', () => {
  it('should hand out waiters first in, first out', () => {
    const q = new WaitQueue();
    expect(q.empty).toBe(true);
    expect(q.shift()).toBeNull();
    for (const v of ['a', 'b', 'c']) q.push(new Waiter(null, v));
    expect(q.size).toBe(3);
    expect(q.peek()?.value).toBe('a');
    expect([q.shift()?.value, q.shift()?.value]).toEqual(['a', 'b']);
    q.push(new Waiter(null, 'd'));
    expect(values(q)).toEqual(['c', 'd']);
  });

  it('should remove a waiter from the middle, the head or the tail, keeping the rest in order', () => {
    const q = new WaitQueue();
    const ws = ['a', 'b', 'c', 'd'].map((v) => new Waiter(null, v));
    for (const w of ws) q.push(w);
    q.remove(ws[1]!);
    expect(values(q)).toEqual(['a', 'c', 'd']);
    q.remove(ws[0]!);
    q.remove(ws[3]!);
    expect(values(q)).toEqual(['c']);
    expect(q.size).toBe(1);
    q.remove(ws[2]!);
    expect(q.empty).toBe(true);
    expect(ws.every((w) => w.queue === null && w.prev === null && w.next === null)).toBe(true);
  });

  it('should ignore the removal of a waiter it does not hold', () => {
    const q = new WaitQueue();
    const other = new WaitQueue();
    const mine = new Waiter(null, 1);
    const theirs = new Waiter(null, 2);
    q.push(mine);
    other.push(theirs);
    q.remove(theirs);
    q.remove(new Waiter(null, 3));
    expect([q.size, other.size]).toEqual([1, 1]);
    expect(theirs.queue).toBe(other);
  });

  it('should take a select out of its other queues when one of its cases fires', () => {
    const a = new WaitQueue();
    const b = new WaitQueue();
    const c = new WaitQueue();
    const siblings: Waiter[] = [];
    for (const [i, q] of [a, b, c].entries()) {
      const w = new Waiter(null, `case${i}`, i, siblings);
      siblings.push(w);
      q.push(w);
    }
    const bystander = new Waiter(null, 'plain');
    b.push(bystander);
    const fired = dequeueFiring(a);
    expect(fired?.caseIndex).toBe(0);
    expect([a.size, b.size, c.size]).toEqual([0, 1, 0]);
    expect(b.peek()).toBe(bystander);
    expect(dequeueFiring(b)).toBe(bystander); // a plain waiter has no siblings
    expect(dequeueFiring(b)).toBeNull();
  });
});
