// Invariant: or(...) closes if and only if some input closes; orDone forwards its input in order and forwards nothing once done has fired.
import { fc, it } from '@fast-check/vitest';
import { chan, go, patterns, yield_, type Chan } from 'interleave';
import { describe } from 'vitest';
import {
  check,
  doneKindArb,
  holds,
  gather,
  makeDone,
  NUM_RUNS,
  sameSequence,
  scheduleArb,
  valuesArb,
} from './harness.js';

/** Each input: a nil channel, or a channel that closes (or not). */
const inputsArb = fc.array(fc.constantFrom('nil', 'closes', 'stays open'), { maxLength: 5 });

/** A closed channel holding `values`: an input that needs no task. */
async function filled(values: readonly number[]): Promise<Chan<number>> {
  const ch = chan<number>(values.length);
  for (const v of values) await ch.send(v); // room in the buffer: never blocks
  ch.close();
  return ch;
}

describe('properties/or', () => {
  it.prop([inputsArb, scheduleArb], { numRuns: NUM_RUNS })(
    'or: should close if and only if some input closes',
    async (spec, script) => {
      await holds(
        async () => {
          const inputs = spec.map((s) => (s === 'nil' ? null : chan<void>()));
          const o = patterns.or(...inputs);
          let closedByClosers = 0;
          let cleanup = false;
          let firedWith: number | null = null; // closers' closes seen when or fired (before cleanup)
          const watched = chan<void>();
          if (o !== null && o !== undefined) {
            go(async () => {
              await o.recv();
              if (!cleanup) firedWith = closedByClosers;
              watched.close();
            }, 'watcher');
          } else {
            watched.close();
          }
          const closers = gather();
          for (const [i, s] of spec.entries()) {
            if (s !== 'closes') continue;
            closers.add(async () => {
              await yield_();
              closedByClosers++;
              inputs[i]!.close();
            }, `closer${i}`);
          }
          await closers.wait();
          const someClose = spec.includes('closes');
          if (someClose) {
            await watched.recv(); // it must close (a deadlock otherwise)
          } else {
            for (let i = 0; i < 3; i++) await yield_(); // room for a spurious close
            cleanup = true;
            for (const [i, s] of spec.entries()) if (s === 'stays open') inputs[i]!.close();
            await watched.recv();
          }
          return { isNull: o === null, firedWith, someClose };
        },
        script,
        (r) => {
          const live = spec.filter((s) => s !== 'nil').length;
          check(r.isNull === (live === 0), 'or() of no live channel is the nil channel', { spec, ...r });
          if (r.someClose)
            check(r.firedWith !== null && r.firedWith > 0, 'or closed only after an input closed', {
              spec,
              ...r,
            });
          else check(r.firedWith === null, 'or must not close while no input has closed', { spec, ...r });
        },
      );
    },
  );

  it.prop([valuesArb(), doneKindArb, scheduleArb], { numRuns: NUM_RUNS })(
    'orDone: should forward every value in order until its input closes',
    async (values, kind, script) => {
      await holds(
        async () => {
          const c = makeDone(kind);
          const got = await patterns.collect(patterns.orDone(c.done, patterns.produce(null, values)));
          c.cancel();
          return got;
        },
        script,
        (got) => {
          check(sameSequence(got, values), 'orDone must forward all values, in order', { values, got });
        },
      );
    },
  );

  /** The consumer reads k values, cancels, then reads what orDone still forwards until it closes. */
  const cancelThenDrain = (values: readonly number[], k: number, kind: 'chan' | 'context') => async () => {
    const c = makeDone(kind);
    const out = patterns.orDone(c.done, await filled(values)); // a value is always ready
    const before: number[] = [];
    for (let i = 0; i < Math.min(k, values.length - 1); i++) before.push((await out.recv()) as number);
    c.cancel();
    const after: number[] = [];
    for await (const v of out) after.push(v);
    return { before, after };
  };
  const cancelArbs = [
    fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 6 }),
    fc.nat({ max: 5 }),
    doneKindArb,
    scheduleArb,
  ] as const;

  // "Nothing after done" cannot hold with Go's select: when done closes while orDone's send is
  // ready too, either case may fire (about 1 schedule in 70 shows it). The contract is at most the
  // one value it was already offering; the rare schedules need more runs.
  it.prop([...cancelArbs], { numRuns: 1_000 })(
    'orDone: should forward at most the one value it was already offering after done fired, and then close',
    async (values, k, kind, script) => {
      await holds(cancelThenDrain(values, k, kind), script, (r) => {
        const forwarded = [...r.before, ...r.after];
        check(sameSequence(forwarded, values.slice(0, forwarded.length)), 'orDone forwards in order', {
          values,
          ...r,
        });
        check(r.after.length <= 1, 'orDone forwarded more than one value after done fired', {
          values,
          k,
          kind,
          ...r,
        });
      });
    },
  );
});
