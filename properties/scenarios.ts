/**
 * Every pattern that starts tasks, as a scenario: an arbitrary of its inputs and a function that
 * starts it under a `Done` and returns its output channels. The closing and leak suites run them all.
 */
import { fc } from '@fast-check/vitest';
import { patterns, yield_, type Chan } from 'interleave';
import { valuesArb } from './harness.js';

type Done = patterns.Done;

export interface Scenario<P> {
  readonly name: string;
  readonly arb: fc.Arbitrary<P>;
  /**
   * The scenario stops reading its source early (take): the source's work never completes, so the
   * consumer must cancel when it is finished (the seed's `defer close(done)`).
   */
  readonly cancelWhenFinished: boolean;
  start(done: Done, p: P): Chan<unknown>[];
}

function scenario<P>(
  name: string,
  arb: fc.Arbitrary<P>,
  start: (done: Done, p: P) => Chan<unknown>[],
  cancelWhenFinished = false,
): Scenario<P> {
  return { name, arb, start, cancelWhenFinished };
}

const small = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max });

/** A handler with a switch point in it, so that handlers overlap. */
async function slowly<T>(v: T): Promise<T> {
  await yield_();
  return v;
}

export const scenarios: readonly Scenario<any>[] = [
  scenario('produce', fc.record({ values: valuesArb(), buffer: small(0, 3) }), (d, p) => [
    patterns.produce(d, p.values, p.buffer),
  ]),
  scenario('produce (async generator)', fc.record({ values: valuesArb() }), (d, p) => [
    patterns.produce(d, async function* () {
      for (const v of p.values) {
        await yield_();
        yield v;
      }
    }),
  ]),
  scenario('orDone', fc.record({ values: valuesArb(), buffer: small(0, 2) }), (d, p) => [
    patterns.orDone(d, patterns.produce(d, p.values, p.buffer)),
  ]),
  scenario('generator | filter | map', fc.record({ values: valuesArb() }), (d, p) => [
    patterns.map(
      d,
      patterns.filter(d, patterns.generator(d, ...p.values), (v) => v % 2 === 0),
      (v) => v * 3,
    ),
  ]),
  scenario(
    'repeat | take',
    fc.record({ values: valuesArb(3), n: small(0, 6) }),
    (d, p) => [patterns.take(d, patterns.repeat(d, ...p.values), p.n)],
    true,
  ),
  scenario(
    'repeatFn | take',
    fc.record({ n: small(0, 6) }),
    (d, p) => {
      let i = 0;
      return [
        patterns.take(
          d,
          patterns.repeatFn(d, () => i++),
          p.n,
        ),
      ];
    },
    true,
  ),
  scenario(
    'produce | take (input may close first)',
    fc.record({ values: valuesArb(), n: small(0, 6) }),
    (d, p) => [patterns.take(d, patterns.produce(d, p.values), p.n)],
    true,
  ),
  scenario('fanOut | merge', fc.record({ values: valuesArb(), n: small(1, 3) }), (d, p) => [
    patterns.merge(
      d,
      ...patterns.fanOut(d, patterns.produce(d, p.values), p.n, (dd, input) =>
        patterns.map(dd, input, slowly),
      ),
    ),
  ]),
  scenario(
    'workerPool (iterable)',
    fc.record({ values: valuesArb(), workers: small(1, 3), queue: small(0, 3) }),
    (d, p) => [
      patterns.workerPool(d, { workers: p.workers, tasks: p.values, handle: slowly, queue: p.queue }),
    ],
  ),
  scenario('workerPool (channel)', fc.record({ values: valuesArb(), workers: small(1, 3) }), (d, p) => [
    patterns.workerPool(d, { workers: p.workers, tasks: patterns.produce(d, p.values), handle: slowly }),
  ]),
  scenario('tee', fc.record({ values: valuesArb(), buffer: small(0, 2) }), (d, p) =>
    patterns.tee(d, patterns.produce(d, p.values, p.buffer)),
  ),
  scenario('teeN', fc.record({ values: valuesArb(4), n: small(0, 3) }), (d, p) =>
    patterns.teeN(d, patterns.produce(d, p.values), p.n),
  ),
  scenario(
    'bridge',
    fc.record({ chunks: fc.array(valuesArb(3), { maxLength: 3 }), buffer: small(0, 2) }),
    (d, p) => [
      patterns.bridge(
        d,
        patterns.produce(
          d,
          p.chunks.map((c) => patterns.produce(d, c, p.buffer)),
        ),
      ),
    ],
  ),
  scenario('checkAll', fc.record({ values: valuesArb() }), (d, p) => [
    patterns.checkAll(d, p.values, async (v) => {
      await yield_();
      if (v < 0) throw new Error(`bad ${v}`);
      return v;
    }),
  ]),
];
