// Invariant: the worker pool, the semaphore, limit and a limited errgroup never have more than N tasks active at once (a plain counter is exact: the explorer runs one task at a time).
import { fc, it } from '@fast-check/vitest';
import { context, patterns, select, yield_ } from 'interleave';
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
  scheduleArb,
  valuesArb,
} from './harness.js';

const nArb = fc.integer({ min: 1, max: 3 });
/** How many switch points each job passes while it holds its slot. */
const holdArb = fc.integer({ min: 1, max: 3 });

/** Counts active jobs; `peak` is the most at once. */
function meter(): { readonly peak: number; run<T>(hold: number, v: T): Promise<T> } {
  let active = 0;
  const m = {
    peak: 0,
    async run<T>(hold: number, v: T): Promise<T> {
      active++;
      m.peak = Math.max(m.peak, active);
      try {
        for (let i = 0; i < hold; i++) await yield_();
        return v;
      } finally {
        active--;
      }
    },
  };
  return m;
}

function atMost(peak: number, n: number, what: string): void {
  check(peak <= n, `${what}: never more than ${n} active at once`, { peak, n });
}

describe('properties/concurrency', () => {
  it.prop([valuesArb(8), nArb, holdArb, doneKindArb, cancelAtArb, scheduleArb], { numRuns: NUM_RUNS })(
    'workerPool: should never run more than `workers` handlers at once',
    async (values, workers, hold, kind, cancelAt, script) => {
      await holds(
        async () => {
          const c = makeDone(kind);
          const m = meter();
          const results = patterns.workerPool(c.done, {
            workers,
            tasks: values,
            handle: (v: number) => m.run(hold, v),
          });
          cancelAfter(c, cancelAt);
          for (;;) {
            const r = await select([{ recv: results }, { recv: c.ch }]);
            if (r.index === 1 || !r.ok) break;
          }
          c.cancel();
          return m.peak;
        },
        script,
        (peak) => {
          atMost(peak, workers, 'workerPool');
        },
      );
    },
  );

  it.prop([fc.integer({ min: 0, max: 6 }), nArb, holdArb, doneKindArb, cancelAtArb, scheduleArb], {
    numRuns: NUM_RUNS,
  })(
    'Semaphore: should never have more than `capacity` holders, and hold nothing once all released',
    async (tasks, n, hold, kind, cancelAt, script) => {
      await holds(
        async () => {
          const c = makeDone(kind);
          const sem = new patterns.Semaphore(n);
          const m = meter();
          cancelAfter(c, cancelAt);
          const all = gather();
          for (let i = 0; i < tasks; i++) {
            all.add(async () => {
              if (!(await sem.acquire(c.done))) return; // canceled before a slot was free
              try {
                await m.run(hold, i);
              } finally {
                await sem.release();
              }
            }, `holder${i}`);
          }
          await all.wait();
          return [m.peak, sem.held()] as const;
        },
        script,
        ([peak, held]) => {
          atMost(peak, n, 'Semaphore');
          check(held === 0, 'every slot released', { held });
        },
      );
    },
  );

  it.prop([fc.integer({ min: 0, max: 6 }), nArb, holdArb, doneKindArb, cancelAtArb, scheduleArb], {
    numRuns: NUM_RUNS,
  })(
    'limit: should never run more than n jobs at once, and return one result per job in job order',
    async (jobs, n, hold, kind, cancelAt, script) => {
      await holds(
        async () => {
          const c = makeDone(kind);
          const m = meter();
          cancelAfter(c, cancelAt);
          const results = await patterns.limit(
            c.done,
            n,
            Array.from({ length: jobs }, (_, i) => () => m.run(hold, i)),
          );
          return [m.peak, results] as const;
        },
        script,
        ([peak, results]) => {
          atMost(peak, n, 'limit');
          check(results.length === jobs, 'one result per job', results);
          check(
            results.every((r, i) => !r.ok || r.value === i),
            'results in job order',
            results,
          );
          if (cancelAt === null)
            check(
              results.every((r) => r.ok),
              'without cancel every job runs',
              results,
            );
          check(
            results.every((r) => r.ok || r.error === context.canceled),
            'a job not started because done fired gets context.canceled',
            results.map((r) => (r.ok ? r.value : r.error.message)),
          );
        },
      );
    },
  );

  it.prop([fc.integer({ min: 0, max: 6 }), nArb, holdArb, scheduleArb], { numRuns: NUM_RUNS })(
    'group with a limit: should never run more than `limit` functions at once',
    async (tasks, n, hold, script) => {
      await holds(
        async () => {
          const g = patterns.group(null, { limit: n });
          const m = meter();
          for (let i = 0; i < tasks; i++) g.go(() => m.run(hold, i).then(() => undefined));
          const error = await g.wait();
          return [m.peak, error] as const;
        },
        script,
        ([peak, error]) => {
          atMost(peak, n, 'group');
          check(error === null, 'no error', error);
        },
      );
    },
  );
});
