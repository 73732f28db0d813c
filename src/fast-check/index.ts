/**
 * interleave/fast-check: the schedule as a fast-check arbitrary, beside a property's own inputs, so
 * that fast-check generates and shrinks both together.
 *
 * ```ts
 * fc.assert(
 *   fc.asyncProperty(fc.integer({ min: 1, max: 50 }), schedule(), async (n, s) => {
 *     await s.run(async () => { ...the program, using n, asserting what must hold... });
 *   }),
 * );
 * ```
 * A run with a finding (deadlock, leak, panic, race, a thrown assertion) throws a
 * `ScheduleFailure` carrying interleave's report and the finding's replay string.
 */
export { schedule, type ScheduleConstraints } from './arbitrary.js';
export type { Schedule, ScheduleRunOptions } from './schedule.js';
export { ScheduleFailure } from './failure.js';
