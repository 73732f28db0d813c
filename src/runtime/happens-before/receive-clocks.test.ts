import { fc, it as prop } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ChanHappensBefore, RaceDetector, type VectorClock } from './race.js';
import { entriesOf, newClock } from './vector-clock.js';

/*
 * A buffered channel keeps each pending receive's clock for the (k+C)-th send; when one task makes
 * receive after receive, only what changed in its clock is kept (the detector's journal). Checked
 * against the plain rule, kept whole: the same operations on a second detector with a channel model
 * that copies every receive's clock, and every task's clock compared after every operation.
 */

/** The plain rule: each buffered value carries its sender's clock; each receive's clock kept whole. */
class PlainChan {
  private readonly values: VectorClock[] = [];
  private readonly pending = new Map<number, VectorClock>();
  private sent = 0;
  private received = 0;
  constructor(
    private readonly d: RaceDetector,
    private readonly capacity: number,
  ) {}
  get length(): number {
    return this.values.length;
  }
  send(sender: number): void {
    this.values.push(this.d.snapshot(sender));
    this.sent++;
    const k = this.sent - this.capacity;
    const r = this.pending.get(k);
    if (r) this.d.acquire(sender, r);
    for (const key of this.pending.keys()) if (key <= k) this.pending.delete(key);
  }
  recv(receiver: number): void {
    this.d.acquire(receiver, this.values.shift()!);
    this.received++;
    this.pending.set(this.received, this.d.snapshot(receiver));
  }
}

type Op =
  | { readonly kind: 'send'; readonly task: number }
  | { readonly kind: 'recv'; readonly task: number }
  | { readonly kind: 'lock'; readonly task: number; readonly lock: number };

const TASKS = 4;
const task = fc.integer({ min: 1, max: TASKS });
// Locks are rarer: each one spreads what tasks know, which hides a clock the channel kept wrong.
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('send' as const), task }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('recv' as const), task }), weight: 3 },
  {
    arbitrary: fc.record({ kind: fc.constant('lock' as const), task, lock: fc.integer({ min: 0, max: 1 }) }),
    weight: 1,
  },
);
const send = (t: number): Op => ({ kind: 'send', task: t });
const recv = (t: number): Op => ({ kind: 'recv', task: t });

describe("pending receive clocks kept as a task's changes", () => {
  prop.prop([fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 60 }), fc.boolean()], {
    numRuns: 1000,
    // Two receives by one task while the first is still kept, then the sends that claim them; and
    // past the journal's length (it begins anew, so the third receive's clock is copied whole, after
    // one kept as changes).
    examples: [
      [2, [send(1), send(2), recv(1), recv(1), send(1), send(3)], false],
      [
        3,
        [
          ...[send(2), send(3), send(4), recv(1), recv(1)],
          ...Array.from({ length: 100 }, (): Op => ({ kind: 'lock', task: 1, lock: 0 })),
          ...[recv(1), send(2), send(3), send(4)],
        ],
        true,
      ],
      // A clock copied whole after one kept as changes, from a task that knows less: the difference
      // between them must drop what the first knew (task 3's entry) for the send that claims it.
      [3, [send(2), send(3), send(4), recv(1), recv(1), recv(2), send(2), recv(3), send(2), send(4)], false],
    ],
  })('should give every sender the clock the plain rule gives it', (capacity, ops, oneReceiver) => {
    const kept = new RaceDetector();
    const plain = new RaceDetector();
    for (let t = 2; t <= TASKS; t++) {
      kept.spawn(1, t);
      plain.spawn(1, t);
    }
    const ch = new ChanHappensBefore(kept, capacity, 'chan#1');
    const model = new PlainChan(plain, capacity);
    const locks: [VectorClock, VectorClock][] = [
      [newClock(), newClock()],
      [newClock(), newClock()],
    ];
    for (const o of ops) {
      if (o.kind === 'send' && model.length < capacity) {
        ch.buffered(o.task);
        model.send(o.task);
      } else if (o.kind === 'recv' && model.length > 0) {
        // One receiving task is the journal's case; several, the copies'.
        const task = oneReceiver ? 1 : o.task;
        ch.unbuffered(task);
        model.recv(task);
      } else if (o.kind === 'lock') {
        // Other synchronization changes clocks between receives (a lock taken, then released).
        const [a, b] = locks[o.lock]!;
        kept.acquire(o.task, a);
        plain.acquire(o.task, b);
        kept.release(o.task, a);
        plain.release(o.task, b);
      }
      for (let t = 1; t <= TASKS; t++) expect(entriesOf(kept.copy(t))).toEqual(entriesOf(plain.copy(t)));
    }
  });
});
