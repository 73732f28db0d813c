import type { Task } from './task.js';

/**
 * A parked operation, as Go's sudog: which task, the value it sends or receives, and — for a
 * select — which case and the shared select record, so that when one case fires the others can be
 * taken out of their queues. Nodes link into one WaitQueue at a time.
 *
 * Free mode's fast path (Chan.send/recv with no explorer, free/free.ts) parks a plain channel
 * operation with no Task at all: `task` is null, and the waiter itself holds the operation's code and
 * its promise's `resolve`. A Task is the largest object of an operation, and free mode never looks
 * at one, so leaving it out is most of what makes free channels as fast as the engine allows.
 */
export class Waiter {
  prev: Waiter | null = null;
  next: Waiter | null = null;
  queue: WaitQueue | null = null;
  /** Value to send, or value received. */
  value: unknown;
  /** Task-less waiters only (task null): the operation's code and what completes it. */
  op = 0;
  resolve: ((value: unknown) => void) | null = null;

  constructor(
    /** Null for a task-less waiter of free mode's fast path. */
    readonly task: Task | null,
    value: unknown,
    /** For select waiters: the case index and all sibling waiters (one per non-nil case). */
    readonly caseIndex = -1,
    readonly siblings: Waiter[] | null = null,
  ) {
    this.value = value;
  }
}

/** FIFO of waiters with O(1) removal from the middle (a select leaving its other queues). */
export class WaitQueue {
  private head: Waiter | null = null;
  private tail: Waiter | null = null;
  size = 0;

  get empty(): boolean {
    return this.head === null;
  }

  peek(): Waiter | null {
    return this.head;
  }

  push(w: Waiter): void {
    w.queue = this;
    w.prev = this.tail;
    w.next = null;
    if (this.tail) this.tail.next = w;
    else this.head = w;
    this.tail = w;
    this.size++;
  }

  /** Puts `w` first (free mode's slot joining its queue ahead of later arrivals: chan-queues.ts). */
  unshift(w: Waiter): void {
    w.queue = this;
    w.prev = null;
    w.next = this.head;
    if (this.head) this.head.prev = w;
    else this.tail = w;
    this.head = w;
    this.size++;
  }

  shift(): Waiter | null {
    const w = this.head;
    if (w) this.remove(w);
    return w;
  }

  remove(w: Waiter): void {
    if (w.queue !== this) return;
    if (w.prev) w.prev.next = w.next;
    else this.head = w.next;
    if (w.next) w.next.prev = w.prev;
    else this.tail = w.prev;
    w.prev = w.next = null;
    w.queue = null;
    this.size--;
  }

  *[Symbol.iterator](): IterableIterator<Waiter> {
    for (let w = this.head; w; w = w.next) yield w;
  }
}

/**
 * Dequeue the first waiter and, if it belongs to a select, take its sibling cases out of their
 * queues: the select has fired. Eager removal (Go removes lazily) keeps every queue free of stale
 * entries, which keeps the channel invariants assertable at any step.
 */
export function dequeueFiring(q: WaitQueue): Waiter | null {
  const w = q.shift();
  if (w?.siblings) for (const s of w.siblings) if (s !== w) s.queue?.remove(s);
  return w;
}
