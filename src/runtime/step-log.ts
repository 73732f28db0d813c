import type { StepRecord } from '../strategies/strategy.js';
import { TaskState, type Task } from './task.js';
import type { Timer } from './timers.js';

/**
 * The virtual clock as an object of the dependency relation (ids of objects start at 1, tasks' are
 * negative): a step that moves the clock writes it, a step that reads the time (time.now(), arming
 * a timer) reads it, so partial-order reduction explores a time jump on both sides of such steps.
 */
export const CLOCK_OBJECT = 0;

/**
 * The run's dependency log for partial-order reduction (strategies with `wantsStepLog`): for each
 * step, who moved and every object it touched, including what the code it resumed did
 * synchronously (spawns, non-blocking operations) and which step made each task runnable again.
 * The runtime keeps one only when the strategy asks, so runs without it pay one null test per hook.
 */
export class StepLog {
  readonly records: StepRecord[] = [];
  /** The step whose code is executing now (-1 before the first). */
  private current = -1;

  /** The executing step spawned `t`: spawns order steps too (a virtual object per task, -id). */
  spawned(t: Task): void {
    if (this.current >= 0) this.records[this.current]!.objs.push(-t.id);
  }

  /** The executing step used object `id` without blocking. */
  touched(id: number): void {
    if (this.current >= 0) this.records[this.current]!.objs.push(id);
  }

  /**
   * The executing step completed `t`'s parked operation. That touches everything it was parked on:
   * a select fired through one channel leaves the queues of all its others.
   */
  woke(t: Task): void {
    t.enabler = this.current;
    if (this.current < 0 || t.target === null) return;
    const objs = this.records[this.current]!.objs;
    for (const a of t.target.footprint(t)) objs.push(a.obj);
  }

  /** The executing step made `t` runnable again without completing its operation. */
  rearmed(t: Task): void {
    t.enabler = this.current;
  }

  /** A new step: `t` performs its announced operation (or resumes). */
  taskStep(t: Task): void {
    const objs = [-t.id];
    if (t.state === TaskState.Announced) for (const a of t.target!.footprint(t)) objs.push(a.obj);
    this.current = this.records.length;
    this.records.push({ task: t.id, option: t.stableId, objs, enabler: t.enabler });
    t.enabler = -1;
  }

  /**
   * A new step: `timer` fires. `jumps`: the clock moves to it (a choice taken while tasks spin, or
   * under `timeJumps: 'any'`), which every step that reads the clock depends on (CLOCK_OBJECT).
   */
  timerStep(timer: Timer, jumps = false): void {
    this.current = this.records.length;
    const objs = timer.owner.footprint().map((a) => a.obj);
    if (jumps) objs.push(CLOCK_OBJECT);
    this.records.push({ task: 0, option: timer.stableId, objs, enabler: -1 });
  }
}
