/**
 * The peer: fast-check's `fc.scheduler()` on the same workload (3 async tasks × 10 scheduled steps,
 * each step `await s.schedule(Promise.resolve())`), run through `fc.assert` as a user would, so each
 * schedule pays what a fast-check user pays (property run, scheduler generation, the task selector).
 *
 * Two drivers:
 *  - `waitIdle`: `await s.waitIdle()` (fast-check 4's recommended "run everything reachable");
 *  - `waitOne`: an explicit `s.waitOne()` loop until every task has finished.
 * Every schedule is checked to have executed all its steps, so a driver that stops early cannot
 * look fast.
 */
import fc from 'fast-check';
import { STEPS_PER_TASK, TASKS } from './workloads.js';

export type FastCheckDriver = 'waitIdle' | 'waitOne';

/** Bound on consecutive idle microtask turns of the waitOne loop before it declares a hang. */
const MAX_IDLE_TURNS = 1_000;

async function oneSchedule(s: fc.Scheduler, driver: FastCheckDriver): Promise<void> {
  let finished = 0;
  let steps = 0;
  const task = async (): Promise<void> => {
    for (let i = 0; i < STEPS_PER_TASK; i++) {
      await s.schedule(Promise.resolve());
      steps++;
    }
    finished++;
  };
  const all = Promise.all(Array.from({ length: TASKS }, task));
  if (driver === 'waitIdle') {
    await s.waitIdle();
  } else {
    let idle = 0;
    while (finished < TASKS) {
      if (s.count() > 0) {
        idle = 0;
        await s.waitOne();
      } else {
        // A task resumed by the last waitOne may not have scheduled its next step yet.
        if (++idle > MAX_IDLE_TURNS) throw new Error('fast-check waitOne loop: nothing scheduled');
        await Promise.resolve();
      }
    }
  }
  await all;
  if (finished !== TASKS || steps !== TASKS * STEPS_PER_TASK) {
    throw new Error(`fast-check ${driver} schedule stopped early: ${steps} steps, ${finished} tasks done`);
  }
}

/** `numRuns` schedules of the workload under `fc.assert`. */
export async function fastCheckWorkload(
  numRuns: number,
  seed: number,
  driver: FastCheckDriver,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.scheduler(), (s) => oneSchedule(s, driver)),
    { numRuns, seed },
  );
}
