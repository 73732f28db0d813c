import type { Task } from './task.js';

/* Replay's `--break-at N`: where a debugger stops before step N (the step loop calls it). */

/**
 * `interleave replay --break-at N`: a debugger attached (an IDE's debug terminal, --inspect) stops
 * here, before step N. Step into `t.target.perform` to see the operation performed, or step out
 * and over the resume to follow the task's own code from its await.
 */
export function breakBefore(step: number, t: Task): void {
  const task = `${t.label} — ${t.opName || 'start'}${t.target ? ` on ${t.target.label}` : ''}${t.site ? ` at ${t.site}` : ''}`;
  void step;
  void task;
  debugger;
}
