import * as verdict from '../checker/verdicts.js';
import type { RunLoop } from './run-loop.js';
import { taskFacts } from './snapshot.js';
import { TaskState } from './task.js';

const AWAITING_REASON = 'await (a promise, not an interleave operation)';

/**
 * A macrotask ran while the run was in flight: the microtask queue drained with no task moving.
 * Returns whether the run goes on (the driver keeps watching). Without compatibility mode the
 * executing task awaits something outside the run. In compatibility mode, tasks still executing
 * await plain promises: they are parked and stepping goes on, until nothing at all can settle them.
 * `exploreRequested`: explore() was called while this run was in flight.
 */
export function macrotaskTurn(loop: RunLoop, compat: boolean, exploreRequested: boolean): boolean {
  if (loop.ended) return false;
  const idle = loop.current === null && loop.next === null;
  loop.drainedAt = loop.steps;
  const executing = loop.current ?? loop.next;
  if (exploreRequested && !idle) {
    loop.endRun(verdict.nestedExplore(loop.facts(), executing === null ? null : taskFacts(executing)));
    return false;
  }
  if (!compat) {
    if (!idle || loop.externalsPending === 0) {
      loop.endRun(verdict.outsideAwait(loop.facts(), executing === null ? null : taskFacts(executing)));
      return false;
    }
    loop.schedule(); // time may now pass toward the timers the outside work waits for
    return !loop.ended;
  }
  for (const t of loop.tasks) {
    if (t.state !== TaskState.Running) continue;
    t.state = TaskState.Awaiting;
    t.waitReason = AWAITING_REASON;
    loop.awaiting++;
  }
  loop.current = null;
  loop.schedule();
  return !loop.ended;
}
