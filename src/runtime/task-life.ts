import * as verdict from '../checker/verdicts.js';
import { runAsTask } from './compat.js';
import type { VectorClock } from './happens-before/race.js';
import { captureSite } from '../base/site.js';
import type { RunLoop } from './run-loop.js';
import { taskFacts } from './snapshot.js';
import { Task, TaskState } from './task.js';
import { RESOLVED } from './operation-promise.js';

/*
 * A task's life in a run, from spawn to its end: it starts as a resume like any other, runs its
 * function, and finishes, or fails (a panic ends the run). Functions of the run's loop
 * (run-loop.ts), whose task table they fill.
 */

/**
 * A new runnable task. `hb` (a timer's callback): the clock the new task starts from instead of its
 * parent's, for a task the runtime starts on the parent's behalf later (Go starts it from the
 * timer's goroutine).
 */
export function spawnTask(
  loop: RunLoop,
  parent: Task | null,
  fn: () => unknown,
  name: string,
  stableId: string,
  hb?: VectorClock | null,
): Task {
  const t = new Task(loop.tasks.length + 1, name, parent, stableId, fn);
  loop.tasks.push(t);
  loop.stepLog?.spawned(t);
  loop.live++;
  loop.progressAt = loop.steps;
  // Starting a task is a resume like any other: user code never runs on the runtime's stack. Its
  // "resolve" queues the start as a reaction (after the loop's enterNext, as any resume's
  // continuation); no promise of its own, which cost four more objects per task.
  const start = (): void => {
    if (loop.options.compat) runAsTask(t, () => runTask(loop, t));
    else runTask(loop, t);
  };
  t.resolve = () => void RESOLVED.then(start);
  loop.insertRunnable(t);
  if (loop.race) {
    if (hb !== undefined) loop.race.start(t.id, hb);
    else if (parent) loop.race.spawn(parent.id, t.id);
  }
  if (loop.recorder) {
    t.spawnSite = parent ? captureSite() : null;
    loop.recorder.emit(
      loop.steps,
      parent?.id ?? 0,
      'TaskSpawned',
      { obj: t.label, child: t.id, name: t.name },
      t.spawnSite,
    );
  }
  return t;
}

function runTask(loop: RunLoop, t: Task): void {
  let r: unknown;
  try {
    r = t.fn!();
  } catch (e) {
    taskFailed(loop, t, e);
    return;
  }
  if (r !== null && typeof r === 'object' && typeof (r as PromiseLike<unknown>).then === 'function') {
    (r as PromiseLike<unknown>).then(
      () => taskDone(loop, t),
      (e: unknown) => taskFailed(loop, t, e),
    );
  } else {
    taskDone(loop, t);
  }
}

function taskDone(loop: RunLoop, t: Task): void {
  if (loop.ended || t.state === TaskState.Done) return;
  if (t.state === TaskState.Announced || t.state === TaskState.Blocked) {
    // It returned without awaiting its operation (`void ch.send(v)`): nobody would ever see the
    // operation's outcome, and Go has no such thing. Say so instead of guessing.
    loop.endRun(verdict.floatingOperation(loop.facts(), taskFacts(t)));
    return;
  }
  if (t.state === TaskState.Awaiting) loop.awaiting--;
  if (t.state === TaskState.Ready) loop.removeRunnable(t);
  t.state = TaskState.Done;
  loop.live--;
  loop.progressAt = loop.steps;
  loop.race?.finished(t.id);
  if (loop.current === t) loop.current = null;
  if (loop.next === t) loop.next = null;
  loop.recorder?.emit(loop.steps, t.id, 'TaskFinished', {}, null);
  if (t === loop.main) {
    loop.mainDone = true;
    loop.graceLimit = loop.steps + loop.options.graceSteps;
    loop.graceTimeLimit = loop.clock.now + loop.options.graceTime;
  }
  loop.kick();
}

function taskFailed(loop: RunLoop, t: Task, error: unknown): void {
  if (loop.ended) return;
  if (loop.mainDone && loop.options.mode === 'program') {
    // Go's program has exited by now: a panic after main returned never happens.
    loop.endRun(null);
    return;
  }
  loop.recorder?.emit(loop.steps, t.id, 'TaskPanicked', { message: verdict.describeThrown(error) }, t.site);
  // Stacks only while recording: the exploring run's finding is rebuilt by the replay anyway.
  loop.endRun(verdict.panicked(loop.facts(), taskFacts(t), error, loop.recorder !== null));
}
