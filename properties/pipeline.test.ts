// Invariant: pipeline stages, bridge and checkAll preserve order — all values in input order when left to finish, a prefix when canceled at any step; checkAll does no work after done.
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
  sameSequence,
  scheduleArb,
  valuesArb,
  type Canceller,
} from './harness.js';

type Done = patterns.Done;

/** Read `out` until it closes or `c` fires. */
async function readAll<T>(out: Chan<T>, c: Canceller): Promise<T[]> {
  const got: T[] = [];
  for (;;) {
    const r = await select([{ recv: out }, { recv: c.ch }]);
    if (r.index === 1 || !r.ok) return got;
    got.push(r.value as T);
  }
}

/** Run `start` to completion (cancelAt null) or with a cancel at some step; what main read. */
function pipelineRun<T>(
  kind: 'chan' | 'context',
  cancelAt: number | null,
  start: (d: Done) => Chan<T>,
): () => Promise<T[]> {
  return async () => {
    const c = makeDone(kind);
    const out = start(c.done);
    cancelAfter(c, cancelAt);
    const got = cancelAt === null ? await patterns.collect(out) : await readAll(out, c);
    c.cancel();
    return got;
  };
}

const isEven = (v: number): boolean => v % 2 === 0;
const triple = async (v: number): Promise<number> => {
  await yield_();
  return v * 3;
};

function orderCheck<T>(got: readonly T[], expected: readonly T[], canceled: boolean): void {
  if (canceled) {
    check(
      sameSequence(got, expected.slice(0, got.length)),
      'canceled: the output must be a prefix of the expected values, in order',
      { expected, got },
    );
  } else {
    check(sameSequence(got, expected), 'the output must be the expected values, in order', { expected, got });
  }
}

describe('properties/pipeline', () => {
  it.prop([valuesArb(), doneKindArb, cancelAtArb, scheduleArb], { numRuns: NUM_RUNS })(
    'generator | filter | map: should preserve order (all values, or a prefix when canceled)',
    async (values, kind, cancelAt, script) => {
      await holds(
        pipelineRun(kind, cancelAt, (d) =>
          patterns.map(d, patterns.filter(d, patterns.generator(d, ...values), isEven), triple),
        ),
        script,
        (got) => {
          orderCheck(
            got,
            values.filter(isEven).map((v) => v * 3),
            cancelAt !== null,
          );
        },
      );
    },
  );

  it.prop(
    [
      fc.array(valuesArb(3), { maxLength: 4 }),
      fc.integer({ min: 0, max: 2 }),
      doneKindArb,
      cancelAtArb,
      scheduleArb,
    ],
    { numRuns: NUM_RUNS },
  )(
    'bridge: should output each inner channel in turn, each in order (all values, or a prefix when canceled)',
    async (chunks, buffer, kind, cancelAt, script) => {
      await holds(
        pipelineRun(kind, cancelAt, (d) =>
          patterns.bridge(
            d,
            patterns.produce(
              d,
              // Each inner channel is produced lazily, when the stream reaches it.
              function* () {
                for (const chunk of chunks) yield patterns.produce(d, chunk, buffer);
              },
            ),
          ),
        ),
        script,
        (got) => {
          orderCheck(got, chunks.flat(), cancelAt !== null);
        },
      );
    },
  );

  it.prop([valuesArb(), doneKindArb, cancelAtArb, scheduleArb], { numRuns: NUM_RUNS })(
    'checkAll: should send one Result per input in input order (all, or a prefix when canceled)',
    async (values, kind, cancelAt, script) => {
      await holds(
        pipelineRun(kind, cancelAt, (d) =>
          patterns.checkAll(d, values, async (v) => {
            await yield_();
            if (v < 0) throw new Error(`negative ${v}`);
            return v;
          }),
        ),
        script,
        (got) => {
          const summary = got.map((r) => (r.ok ? `ok ${r.value}` : r.error.message));
          orderCheck(
            summary,
            values.map((v) => (v < 0 ? `negative ${v}` : `ok ${v}`)),
            cancelAt !== null,
          );
        },
      );
    },
  );

  /** checkAll under a consumer that reads k results, cancels, then drains: what it saw. */
  const checkAllCancel = (values: readonly number[], k: number, kind: 'chan' | 'context') => async () => {
    const c = makeDone(kind);
    let fetchedAfterDone = 0;
    const results = patterns.checkAll(c.done, values, (v) => {
      if (c.fired) fetchedAfterDone++;
      return v;
    });
    for (let i = 0; i < Math.min(k, values.length); i++) await results.recv();
    c.cancel();
    let sentAfterDone = 0;
    for await (const _ of results) sentAfterDone++;
    return { fetchedAfterDone, sentAfterDone };
  };
  const checkAllCancelArbs = [
    fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 6 }),
    fc.nat({ max: 5 }),
    doneKindArb,
    scheduleArb,
  ] as const;

  it.prop([...checkAllCancelArbs], { numRuns: NUM_RUNS })(
    'checkAll: should fetch no input once done fired (API: "once done fires no further input is fetched")',
    async (values, k, kind, script) => {
      await holds(checkAllCancel(values, k, kind), script, (r) =>
        check(r.fetchedAfterDone === 0, 'checkAll fetched an input after done fired', {
          values,
          k,
          kind,
          ...r,
        }),
      );
    },
  );

  // Rare schedules, as for orDone (properties/or.test.ts): more runs. Go's select may deliver the
  // result whose send was already ready when done fired, so the contract is at most one.
  it.prop([...checkAllCancelArbs], { numRuns: 1_000 })(
    'checkAll: should send at most the one result already offered once done fired',
    async (values, k, kind, script) => {
      await holds(checkAllCancel(values, k, kind), script, (r) =>
        check(r.sentAfterDone <= 1, 'checkAll sent more than one result after done fired', {
          values,
          k,
          kind,
          ...r,
        }),
      );
    },
  );
});
