// Invariant: no pattern leaves a task alive after main returns — when its work completes, and when it is canceled at any step, read to the end or abandoned after k values.
import { fc, it } from '@fast-check/vitest';
import { select } from 'interleave';
import { describe } from 'vitest';
import {
  cancelAfter,
  cancelAtArb,
  doneKindArb,
  expectClean,
  gather,
  makeDone,
  NUM_RUNS,
  runScripted,
  scheduleArb,
} from './harness.js';
import { scenarios } from './scenarios.js';

/** Values each consumer reads before it gives up (null: to the end); whether main cancels at the end. */
const consumerArb = fc.record({ k: fc.option(fc.nat({ max: 5 }), { freq: 2 }), cancelAtEnd: fc.boolean() });

describe('properties/leaks', () => {
  for (const s of scenarios) {
    it.prop([s.arb, doneKindArb, cancelAtArb, consumerArb, scheduleArb], { numRuns: NUM_RUNS })(
      `${s.name}: should leave no task after main returns, completed or canceled at any step`,
      async (p, kind, cancelAt, { k, cancelAtEnd }, script) => {
        // test mode: every task still alive when main returns (and the grace steps end) is a leak.
        const run = await runScripted(async () => {
          const c = makeDone(kind);
          const outs = s.start(c.done, p);
          cancelAfter(c, cancelAt);
          const consumers = gather();
          for (const [i, out] of outs.entries()) {
            consumers.add(async () => {
              for (let n = 0; k === null || n < k; n++) {
                const r = await select([{ recv: out }, { recv: c.ch }]);
                if (r.index === 1 || !r.ok) return;
              }
            }, `consumer${i}`);
          }
          await consumers.wait();
          // A consumer that stops early must cancel (defer cancel()); one that read to the end may.
          if (k !== null || cancelAtEnd || s.cancelWhenFinished) c.cancel();
        }, script);
        expectClean(run);
      },
    );
  }
});
