import type { RunFacts, TaskFacts } from '../checker/verdicts.js';
import { TaskState, type Task } from './task.js';

/*
 * The plain data the checker's verdicts read when a run ends (checker/verdicts.ts): the task table
 * copied out with the states in words, so that the checker never imports the runtime. Built only
 * at the end of a run (or for a finding): never on the step loop's path.
 */

/** One task's facts, at this moment. */
export function taskFacts(t: Task): TaskFacts {
  return {
    id: t.id,
    name: t.name,
    label: t.label,
    stableId: t.stableId,
    state: stateInWords(t),
    waitReason: t.waitReason,
    opName: t.opName,
    target: t.target?.label ?? null,
    site: t.site,
    spawnSite: t.spawnSite,
    parent: t.parent?.id ?? null,
    parentName: t.parent?.name ?? null,
  };
}

/** A run's facts: every task, in id order, and its counters. */
export function runFacts(tasks: readonly Task[], steps: number, run: number, liveTasks: number): RunFacts {
  return { tasks: tasks.map(taskFacts), steps, run, liveTasks };
}

/** TaskSnapshot's words: announced, ready and awaiting tasks are all `runnable` in a dump. */
function stateInWords(t: Task): TaskFacts['state'] {
  switch (t.state) {
    case TaskState.Done:
      return 'done';
    case TaskState.Blocked:
      return 'blocked';
    case TaskState.New:
      return 'new';
    case TaskState.Running:
      return 'running';
    default:
      return 'runnable';
  }
}
