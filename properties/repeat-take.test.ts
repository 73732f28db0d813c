// Invariant: take(n) of repeat/repeatFn yields exactly n values (the cycle's first n), of a shorter input all of it, and it closes once done fires even while its input is silent.
import { fc, it } from '@fast-check/vitest';
import { chan, go, patterns, select } from 'interleave';
import { describe } from 'vitest';
import {
  check,
  doneKindArb,
  holds,
  makeDone,
  NUM_RUNS,
  sameSequence,
  scheduleArb,
  valuesArb,
} from './harness.js';

const nArb = fc.integer({ min: 0, max: 7 });

describe('properties/repeat-take', () => {
  it.prop([valuesArb(3), nArb, doneKindArb, scheduleArb], { numRuns: NUM_RUNS })(
    'take(n) of repeat(values): should yield exactly n values, the cycle of values (none for no values)',
    async (values, n, kind, script) => {
      await holds(
        async () => {
          const c = makeDone(kind);
          const got = await patterns.collect(patterns.take(c.done, patterns.repeat(c.done, ...values), n));
          c.cancel(); // defer close(done): stops repeat
          return got;
        },
        script,
        (got) => {
          const expected =
            values.length === 0 ? [] : Array.from({ length: n }, (_, i) => values[i % values.length]!);
          check(sameSequence(got, expected), 'take must yield exactly n values of the cycle', {
            values,
            n,
            got,
          });
        },
      );
    },
  );

  it.prop([nArb, doneKindArb, scheduleArb], { numRuns: NUM_RUNS })(
    'take(n) of repeatFn(fn): should yield exactly n values, fn’s first n results in order',
    async (n, kind, script) => {
      await holds(
        async () => {
          const c = makeDone(kind);
          let i = 0;
          const got = await patterns.collect(
            patterns.take(
              c.done,
              patterns.repeatFn(c.done, () => i++),
              n,
            ),
          );
          c.cancel();
          return got;
        },
        script,
        (got) => {
          check(
            sameSequence(
              got,
              Array.from({ length: n }, (_, i) => i),
            ),
            'take must yield exactly n values',
            { n, got },
          );
        },
      );
    },
  );

  it.prop([valuesArb(), nArb, doneKindArb, scheduleArb], { numRuns: NUM_RUNS })(
    'take(n) of a finite input: should yield min(n, length) values, in order',
    async (values, n, kind, script) => {
      await holds(
        async () => {
          const c = makeDone(kind);
          const got = await patterns.collect(patterns.take(c.done, patterns.produce(c.done, values), n));
          c.cancel();
          return got;
        },
        script,
        (got) => {
          check(sameSequence(got, values.slice(0, n)), 'take must yield the first min(n, length) values', {
            values,
            n,
            got,
          });
        },
      );
    },
  );

  it.prop(
    [fc.integer({ min: 1, max: 5 }), fc.nat({ max: 5 }), fc.nat({ max: 5 }), doneKindArb, scheduleArb],
    {
      numRuns: NUM_RUNS,
    },
  )(
    'take: should close once done fires, even while its input is silent (the seed’s take cannot)',
    async (n, m, k, kind, script) => {
      // The program of properties/shrinking.test.ts, with the library's take: a producer sends m
      // values, then falls silent without closing; the consumer reads k and cancels.
      await holds(
        async () => {
          const c = makeDone(kind);
          const in_ = chan<number>();
          go(async () => {
            for (let i = 0; i < m; i++) {
              const r = await select([{ recv: c.ch }, { send: in_, value: i }]);
              if (r.index === 0) return;
            }
          }, 'producer');
          const out = patterns.take(c.done, in_, n);
          const got: number[] = [];
          for (let i = 0; i < Math.min(k, m, n); i++) got.push((await out.recv())!);
          c.cancel();
          for await (const _ of out); // take must close out (a deadlock otherwise)
          return got;
        },
        script,
        (got) =>
          check(
            sameSequence(
              got,
              got.map((_, i) => i),
            ),
            'take forwards in order',
            got,
          ),
      );
    },
  );
});
