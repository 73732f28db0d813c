// Invariant: an errgroup's wait() returns the first error thrown (null if none), and every other task is canceled: each one blocked on ctx.done() returns and sees ctx.err().
import { fc, it } from '@fast-check/vitest';
import { patterns, select, yield_ } from 'interleave';
import { describe } from 'vitest';
import {
  cancelAfter,
  cancelAtArb,
  check,
  doneKindArb,
  holds,
  makeDone,
  NUM_RUNS,
  scheduleArb,
} from './harness.js';

/** Each task: after some switch points, it fails, finishes, or waits to be canceled (a blocker). */
const taskArb = fc.record({
  fate: fc.constantFrom('fails', 'finishes', 'waits for cancel'),
  steps: fc.nat({ max: 3 }),
});

describe('properties/group', () => {
  it.prop([fc.array(taskArb, { maxLength: 5 }), doneKindArb, cancelAtArb, scheduleArb], {
    numRuns: NUM_RUNS,
  })(
    'wait(): should return the first error thrown, and cancel every other task',
    async (tasks, kind, cancelAt, script) => {
      // Tasks that wait for cancel need something to cancel them: an error, or the parent.
      const anyFails = tasks.some((t) => t.fate === 'fails');
      const cancelParentAt = anyFails ? cancelAt : (cancelAt ?? 0);
      await holds(
        async () => {
          const parent = makeDone(kind);
          const g = patterns.group(parent.done);
          const thrown: Error[] = [];
          const sawCancel: boolean[] = [];
          for (const [i, t] of tasks.entries()) {
            g.go(async (ctx) => {
              for (let s = 0; s < t.steps; s++) {
                // A well-behaved task polls its context between steps of work.
                const r = await select([{ recv: ctx.done() }, { default: true }]);
                if (r.index === 0) {
                  if (t.fate === 'waits for cancel') sawCancel.push(ctx.err() !== null);
                  return;
                }
                await yield_();
              }
              if (t.fate === 'fails') {
                const e = new Error(`task ${i} failed`);
                thrown.push(e); // the group sees it in this same step: nothing runs between
                throw e;
              }
              if (t.fate === 'waits for cancel') {
                await ctx.done()!.recv();
                sawCancel.push(ctx.err() !== null);
              }
            });
          }
          cancelAfter(parent, cancelParentAt);
          const error = await g.wait();
          parent.cancel();
          return { error, first: thrown[0] ?? null, sawCancel, ctxErr: g.ctx.err() };
        },
        script,
        (r) => {
          check(r.error === r.first, 'wait() must return the first error thrown (null if none)', {
            error: r.error?.message ?? null,
            first: r.first?.message ?? null,
          });
          const blockers = tasks.filter((t) => t.fate === 'waits for cancel').length;
          check(
            r.sawCancel.length === blockers && r.sawCancel.every(Boolean),
            'every task waiting on ctx.done() must be released by the cancel and see ctx.err()',
            { blockers, sawCancel: r.sawCancel },
          );
          check(r.ctxErr !== null, 'the group context is canceled once wait() returns');
        },
      );
    },
  );

  it.prop([fc.array(fc.boolean(), { maxLength: 5 }), scheduleArb], { numRuns: NUM_RUNS })(
    'wait(): should cancel the context as soon as the first error is recorded, before wait() returns',
    async (fails, script) => {
      await holds(
        async () => {
          const g = patterns.group(null);
          let firstAt: boolean | null = null; // ctx.err() seen by the second failing task
          let failures = 0;
          for (const f of fails) {
            g.go(async (ctx) => {
              await yield_();
              if (!f) return;
              failures++;
              if (failures === 2) firstAt = ctx.err() !== null;
              throw new Error('fail');
            });
          }
          await g.wait();
          return { firstAt, failures };
        },
        script,
        (r) => {
          if (r.failures >= 2) check(r.firstAt === true, 'the first error cancels ctx at once', r);
        },
      );
    },
  );
});
