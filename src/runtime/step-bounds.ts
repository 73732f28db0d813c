/*
 * How a run that reached a step bound ends: a livelock if it stopped making progress (no operation
 * completed but spins, no task started, woke or finished, the clock still) for long enough, a step
 * limit if it reached maxSteps while still making progress, or not at all yet.
 */

/** With n live tasks, a fair tail may take about n steps to reach the one that progresses. */
const LIVELOCK_STEPS_PER_TASK = 20;

export function stepBound(
  steps: number,
  progressAt: number,
  live: number,
  timersArmed: number,
  maxSteps: number,
  livelockSteps: number,
): 'livelock' | 'steps' | null {
  const still = steps - progressAt;
  const window = Math.max(livelockSteps, LIVELOCK_STEPS_PER_TASK * live);
  // A lone task with no timer cannot be waiting for another: its spin loop is either bounded
  // (a loop of yield_() that counts) or runs to maxSteps.
  const alone = live <= 1 && timersArmed === 0;
  if (still >= window && !alone) return 'livelock';
  if (steps < maxSteps) return null;
  return still >= Math.min(window, maxSteps / 2) ? 'livelock' : 'steps';
}
