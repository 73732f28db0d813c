// Invariant: every output channel of every pattern is closed exactly once and never sent on after close, whether the work completes or is canceled at any step.
import { it } from '@fast-check/vitest';
import { Chan } from 'interleave';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  cancelAfter,
  cancelAtArb,
  check,
  doneKindArb,
  expectClean,
  gather,
  makeDone,
  NUM_RUNS,
  runScripted,
  scheduleArb,
} from './harness.js';
import { scenarios } from './scenarios.js';

// Count closes per channel. A second close or a send after close is also a `panic` finding of the
// explorer; counting makes "exactly once" explicit (closed at least once: the drain ends).
const closes = new WeakMap<object, number>();
const originalClose = Chan.prototype.close; // eslint-disable-line @typescript-eslint/unbound-method
beforeAll(() => {
  Chan.prototype.close = function (this: Chan<unknown>): void {
    closes.set(this, (closes.get(this) ?? 0) + 1);
    originalClose.call(this);
  };
});
afterAll(() => {
  Chan.prototype.close = originalClose;
});

describe('properties/closing', () => {
  for (const s of scenarios) {
    it.prop([s.arb, doneKindArb, cancelAtArb, scheduleArb], { numRuns: NUM_RUNS })(
      `${s.name}: should close each output exactly once, canceled or not`,
      async (p, kind, cancelAt, script) => {
        const run = await runScripted(async () => {
          const c = makeDone(kind);
          const outs = s.start(c.done, p);
          cancelAfter(c, cancelAt);
          const consumers = gather();
          for (const [i, out] of outs.entries()) {
            consumers.add(async () => {
              for await (const _ of out); // drain until closed
            }, `drain${i}`);
          }
          await consumers.wait();
          if (s.cancelWhenFinished) c.cancel();
          return outs.map((o) => closes.get(o) ?? 0);
        }, script);
        const counts = expectClean(run);
        check(
          counts.every((n) => n === 1),
          'each output must be closed exactly once',
          counts,
        );
      },
    );
  }
});
