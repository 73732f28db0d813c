// Invariant: tee delivers every input value exactly once to each output, in order; canceled, each output gets a prefix of the input, the prefixes at most one value apart.
import { fc, it } from '@fast-check/vitest';
import { patterns, select } from 'interleave';
import { describe } from 'vitest';
import {
  cancelAfter,
  cancelAtArb,
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

const outputsArb = fc.integer({ min: 1, max: 3 });
const bufferArb = fc.integer({ min: 0, max: 2 });

/** Start teeN over `values` and read every output in its own task until closed (or canceled). */
async function teeAndRead(
  values: readonly number[],
  n: number,
  buffer: number,
  kind: 'chan' | 'context',
  cancelAt: number | null,
): Promise<number[][]> {
  const c = makeDone(kind);
  const outs =
    n === 2
      ? patterns.tee(c.done, patterns.produce(c.done, values, buffer))
      : patterns.teeN(c.done, patterns.produce(c.done, values, buffer), n);
  cancelAfter(c, cancelAt);
  const got: number[][] = outs.map(() => []);
  const readers = gather();
  for (const [i, out] of outs.entries()) {
    readers.add(async () => {
      for (;;) {
        const r = await select([{ recv: out }, { recv: c.ch }]);
        if (r.index === 1 || !r.ok) return;
        got[i]!.push(r.value as number);
      }
    }, `reader${i}`);
  }
  await readers.wait();
  c.cancel();
  return got;
}

describe('properties/tee', () => {
  it.prop([valuesArb(), outputsArb, bufferArb, doneKindArb, scheduleArb], { numRuns: NUM_RUNS })(
    'should deliver every value exactly once to each output, in order',
    async (values, n, buffer, kind, script) => {
      await holds(
        () => teeAndRead(values, n, buffer, kind, null),
        script,
        (got) => {
          check(
            got.every((g) => sameSequence(g, values)),
            'each output must get every input value once, in order',
            { values, got },
          );
        },
      );
    },
  );

  it.prop([valuesArb(), outputsArb, bufferArb, doneKindArb, cancelAtArb, scheduleArb], { numRuns: NUM_RUNS })(
    'should deliver a prefix of the input to each output when canceled at any step, the prefixes at most one value apart',
    async (values, n, buffer, kind, cancelAt, script) => {
      await holds(
        () => teeAndRead(values, n, buffer, kind, cancelAt),
        script,
        (got) => {
          check(
            got.every((g) => sameSequence(g, values.slice(0, g.length))),
            'each output must get a prefix of the input, in order, without duplicates',
            { values, got },
          );
          const lengths = got.map((g) => g.length);
          check(
            Math.max(...lengths) - Math.min(...lengths) <= 1,
            'tee reads the next value only after every output took the current one',
            { values, got },
          );
        },
      );
    },
  );
});
