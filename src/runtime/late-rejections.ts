import { promiseHooks } from 'node:v8';
import { contextTask, pinCompat } from './compat.js';
import type { Task } from './task.js';
import { TaskState } from './task.js';

/*
 * Code of a run that ended while some of its tasks still waited on the outside world (an outside
 * await in compatibility mode: real I/O, a real timer) goes on when that wait ends, possibly during
 * a later run or a later exploration. A promise that code leaves rejected with no handler belongs to
 * the ended run, not to whatever runs then: it must neither become the next run's finding nor end
 * the process between two explorations. Such code runs as its task (compat.ts: through promises,
 * and through microtasks and ticks the task queued while its run was in flight; not inside a
 * callback of Node's own I/O), so a promise it creates is known by its creator as it is made, and
 * is given a handler then: its rejection is nobody's finding. The promise hook is installed only
 * once a run has left such tasks behind (it costs every promise of the process) and stays for the
 * rest of the process, since their code may wake at any time.
 */

/** Tasks of ended runs that were still waiting, or running, when their run ended. */
const leftBehind = new WeakSet<Task>();
let installed = false;
let marking = false;
const ignore = (): void => {};

/**
 * A compatibility-mode run ended in an outside await: its tasks still waiting on plain promises (or
 * executing) are left behind. Tasks blocked on the run's objects never wake: their operations never
 * complete once the run is over.
 */
export function leaveBehind(tasks: readonly Task[]): void {
  let any = false;
  for (const t of tasks) {
    if (t.state !== TaskState.Awaiting && t.state !== TaskState.Running) continue;
    leftBehind.add(t);
    any = true;
  }
  if (!any || installed) return;
  installed = true;
  pinCompat();
  promiseHooks.onInit((p: Promise<unknown>) => {
    if (marking) return;
    const t = contextTask();
    if (t === undefined || !leftBehind.has(t)) return;
    // Handled from birth, so that no listener (a test runner's) sees its rejection either. The
    // handler's own promise is not tagged (marking), or tagging would never end.
    marking = true;
    try {
      p.then(undefined, ignore);
    } finally {
      marking = false;
    }
  });
}
