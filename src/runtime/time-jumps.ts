import type { TimeJumps } from './clock.js';
import type { Task } from './task.js';

/* When the step loop may offer a future timer as a choice: Go's time passing while tasks spin. */

/** Spins in a row that make a task a spinning loop, past which time may move (see mayJump). */
export const SPIN_LOOP = 2;

/**
 * Whether the strategy may move the clock to the next timer at this step, with `n` tasks runnable:
 * under `timeJumps: 'any'` whenever a task can run, and otherwise when every runnable task keeps
 * spinning (its last SPIN_LOOP operations in a row were `yield_()`s or `select`s that took their
 * default), since in Go time passes while goroutines spin. A task that polled once and moved on is
 * not spinning. (With nothing runnable the clock moves without a choice: see RunLoop.quiescent.)
 */
export function mayJump(timeJumps: TimeJumps, runnable: readonly Task[], n: number): boolean {
  if (n === 0) return false;
  if (timeJumps === 'any') return true;
  for (let k = 0; k < n; k++) if (runnable[k]!.spins < SPIN_LOOP) return false;
  return true;
}
