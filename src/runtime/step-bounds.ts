import type { Finding } from '../checker/findings.js';
import * as verdict from '../checker/verdicts.js';
import type { RunFacts } from '../checker/verdicts.js';
import type { RunOptions } from './run-options.js';

/*
 * How a run that reached a step bound ends: a livelock if it stopped making progress (no operation
 * completed but spins, no task started, woke or finished, the clock still) for long enough, a step
 * limit if it reached maxSteps while still making progress, or not at all yet. And how a run ends
 * when a grace bound after main returned runs out.
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

/**
 * The finding of a run at a step bound (no progress for `livelockSteps`, or maxSteps), or
 * undefined when the run is not over. `facts` is read only when there is a finding.
 */
export function stepBoundEnd(
  steps: number,
  progressAt: number,
  live: number,
  timersArmed: number,
  o: RunOptions,
  livelockSteps: number,
  facts: () => RunFacts,
): Finding | undefined {
  const bound = stepBound(steps, progressAt, live, timersArmed, o.maxSteps, livelockSteps);
  if (bound === null) return undefined;
  return bound === 'livelock'
    ? verdict.livelock(facts(), steps - progressAt, progressAt)
    : verdict.stepLimit(facts(), o.maxSteps, progressAt);
}

/**
 * How a run ends when a grace bound after main returned runs out: with no finding for a program (Go's
 * program exits with main) or when no task is left, else with the tasks still alive as leaked.
 */
export function graceEnd(
  steps: number,
  graceLimit: number,
  live: number,
  o: RunOptions,
  facts: () => RunFacts,
): Finding | null {
  if (o.mode === 'program' || live === 0) return null;
  return verdict.stillAlive(facts(), verdict.graceBound(steps, o.graceSteps, graceLimit, o.graceTime));
}
