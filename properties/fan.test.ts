// Invariant: fan-out/fan-in and the worker pool lose and duplicate nothing — the multiset of results equals the multiset of inputs (a sub-multiset when canceled at any step).
import { fc, it } from '@fast-check/vitest';
import { patterns, select, yield_, type Chan } from 'interleave';
import { describe } from 'vitest';
import {
  cancelAfter,
  cancelAtArb,
  check,
  doneKindArb,
  holds,
  makeDone,
  NUM_RUNS,
  sameMultiset,
  scheduleArb,
  subMultiset,
  valuesArb,
  type Canceller,
} from './harness.js';

type Done = patterns.Done;

const workersArb = fc.integer({ min: 1, max: 3 });

async function readAll<T>(out: Chan<T>, c: Canceller): Promise<T[]> {
  const got: T[] = [];
  for (;;) {
    const r = await select([{ recv: out }, { recv: c.ch }]);
    if (r.index === 1 || !r.ok) return got;
    got.push(r.value as T);
  }
}

function fanRun(
  kind: 'chan' | 'context',
  cancelAt: number | null,
  start: (d: Done) => Chan<number>,
): () => Promise<number[]> {
  return async () => {
    const c = makeDone(kind);
    const out = start(c.done);
    cancelAfter(c, cancelAt);
    const got = await readAll(out, c);
    c.cancel();
    return got;
  };
}

/** A handler with a switch point, so that several run at once. */
async function work(v: number): Promise<number> {
  await yield_();
  return v;
}

function multisetCheck(got: readonly number[], values: readonly number[], canceled: boolean): void {
  if (canceled)
    check(
      subMultiset(got, values),
      'canceled: results must be a sub-multiset of the inputs (nothing duplicated)',
      { values, got },
    );
  else
    check(sameMultiset(got, values), 'the multiset of results must equal the multiset of inputs', {
      values,
      got,
    });
}

function unwrap(results: readonly patterns.Result<number>[]): number[] {
  return results.map((r) => {
    if (!r.ok) throw new Error(`unexpected error result: ${r.error.message}`);
    return r.value;
  });
}

describe('properties/fan', () => {
  it.prop([valuesArb(), workersArb, doneKindArb, cancelAtArb, scheduleArb], { numRuns: NUM_RUNS })(
    'fanOut | merge: should deliver every input exactly once',
    async (values, n, kind, cancelAt, script) => {
      await holds(
        fanRun(kind, cancelAt, (d) =>
          patterns.merge(
            d,
            ...patterns.fanOut(d, patterns.produce(d, values), n, (dd, input) =>
              patterns.map(dd, input, work),
            ),
          ),
        ),
        script,
        (got) => {
          multisetCheck(got, values, cancelAt !== null);
        },
      );
    },
  );

  it.prop([valuesArb(), workersArb, fc.integer({ min: 0, max: 3 }), doneKindArb, cancelAtArb, scheduleArb], {
    numRuns: NUM_RUNS,
  })(
    'workerPool over an iterable: should process every task exactly once',
    async (values, workers, queue, kind, cancelAt, script) => {
      await holds(
        async () => {
          const c = makeDone(kind);
          const results = patterns.workerPool(c.done, { workers, tasks: values, handle: work, queue });
          cancelAfter(c, cancelAt);
          const got = unwrap(await readAll(results, c));
          c.cancel();
          return got;
        },
        script,
        (got) => {
          multisetCheck(got, values, cancelAt !== null);
        },
      );
    },
  );

  it.prop([valuesArb(), workersArb, doneKindArb, cancelAtArb, scheduleArb], { numRuns: NUM_RUNS })(
    'workerPool over a channel: should process every task exactly once, errors as results',
    async (values, workers, kind, cancelAt, script) => {
      await holds(
        async () => {
          const c = makeDone(kind);
          const results = patterns.workerPool(c.done, {
            workers,
            tasks: patterns.produce(c.done, values),
            handle: async (v: number) => {
              await yield_();
              if (v < 0) throw new Error(String(v)); // an error travels as a result
              return v;
            },
          });
          cancelAfter(c, cancelAt);
          const got = (await readAll(results, c)).map((r) => (r.ok ? r.value : Number(r.error.message)));
          c.cancel();
          return got;
        },
        script,
        (got) => {
          multisetCheck(got, values, cancelAt !== null);
        },
      );
    },
  );
});
