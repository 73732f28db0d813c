import { fc, it as prop } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { RaceDetector } from './race.js';
import { entriesOf, newClock, type VectorClock } from './vector-clock.js';

/*
 * An unbuffered hand-off orders the send before the receive completes and the receive before the
 * send completes. RaceDetector.exchange does this in place; the formulation it replaced released
 * each side into a fresh copy (snapshot) and had the other acquire it. Both are run on random
 * clocks (built by random spawns, lock hand-overs and hand-offs) and every task's clock compared,
 * and the journal (mark, changesSince) must still give a marked clock's changes exactly.
 */

type Op =
  | { readonly kind: 'lock'; readonly task: number; readonly lock: number }
  | { readonly kind: 'handoff'; readonly sender: number; readonly receiver: number }
  | { readonly kind: 'mark'; readonly task: number };

const TASKS = 6;
const task = fc.integer({ min: 1, max: TASKS });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('lock' as const), task, lock: fc.integer({ min: 0, max: 2 }) }),
  fc
    .tuple(task, task)
    .filter(([s, r]) => s !== r)
    .map(([sender, receiver]): Op => ({ kind: 'handoff', sender, receiver })),
  fc.record({ kind: fc.constant('mark' as const), task }),
);

/** The formulation before exchange: two snapshots, each acquired by the other side. */
function handoffByCopies(d: RaceDetector, sender: number, receiver: number): void {
  const m = d.snapshot(sender);
  d.acquire(sender, d.snapshot(receiver));
  d.acquire(receiver, m);
}

/** `base` changed by flat (task, count) pairs, later ones winning. */
function applied(base: VectorClock, changes: number[]): Map<number, number> {
  const m = entriesOf(base);
  for (let i = 0; i < changes.length; i += 2) m.set(changes[i]!, changes[i + 1]!);
  return m;
}

describe('an unbuffered hand-off in place', () => {
  prop.prop([fc.array(op, { maxLength: 80 })], { numRuns: 500 })(
    'should give both tasks the clocks the two snapshots gave them',
    (ops) => {
      const inPlace = new RaceDetector();
      const copies = new RaceDetector();
      // Tasks spawned in a chain and a fan, so clocks start of unequal lengths.
      for (let t = 2; t <= TASKS; t++) {
        inPlace.spawn(t % 2 === 0 ? 1 : t - 1, t);
        copies.spawn(t % 2 === 0 ? 1 : t - 1, t);
      }
      const locks = [0, 1, 2].map(() => [newClock(), newClock()] as const);
      const marks = new Map<number, { mark: ReturnType<RaceDetector['mark']>; clock: VectorClock }>();
      for (const o of ops) {
        if (o.kind === 'lock') {
          const [a, b] = locks[o.lock]!;
          inPlace.acquire(o.task, a);
          copies.acquire(o.task, b);
          inPlace.release(o.task, a);
          copies.release(o.task, b);
        } else if (o.kind === 'handoff') {
          inPlace.exchange(o.sender, o.receiver);
          handoffByCopies(copies, o.sender, o.receiver);
        } else {
          marks.set(o.task, { mark: inPlace.mark(o.task), clock: inPlace.copy(o.task) });
        }
        for (let t = 1; t <= TASKS; t++)
          expect(entriesOf(inPlace.copy(t))).toEqual(entriesOf(copies.copy(t)));
        for (const [t, { mark, clock }] of marks) {
          const changes = inPlace.changesSince(t, mark);
          if (changes !== null) expect(applied(clock, changes)).toEqual(entriesOf(inPlace.copy(t)));
        }
      }
    },
  );
});
