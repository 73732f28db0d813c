import { describe, expect, it } from 'vitest';
import { TestOwner } from '../../test/fixtures/timer-owners.js';
import { CLOCK_OBJECT, StepLog } from './step-log.js';
import { TaskState, type Performer, type Task } from './task.js';
import { Timer } from './timers.js';

/*
 * The step log that partial-order reduction reads: per step, who moved and every object it touched
 * (its operation's footprint, the task's virtual object -id, what its code did synchronously, the
 * clock when it moved), and which step made each task runnable again.
 */

/** A primitive touching `objs`. */
const on = (...objs: number[]): Performer => ({
  label: 'obj',
  perform: () => true,
  footprint: () => objs.map((obj) => ({ obj, write: true })),
});

/** A task announced on `target` (or just resumed, when null). */
function task(id: number, target: Performer | null = null): Task {
  return {
    id,
    stableId: id === 1 ? 'main' : `main/t${id}`,
    state: target ? TaskState.Announced : TaskState.Ready,
    target,
    enabler: -1,
  } as unknown as Task;
}

describe('StepLog', () => {
  it("should record a task's step with its virtual object and its operation's footprint", () => {
    const log = new StepLog();
    log.taskStep(task(2, on(5, 6)));
    log.taskStep(task(3));
    expect(log.records).toEqual([
      { task: 2, option: 'main/t2', objs: [-2, 5, 6], enabler: -1 },
      { task: 3, option: 'main/t3', objs: [-3], enabler: -1 },
    ]);
  });

  it('should add to the executing step what its code touched and spawned, and nothing before the first step', () => {
    const log = new StepLog();
    log.touched(9); // no step yet: dropped
    log.taskStep(task(1));
    log.touched(7);
    log.spawned(task(4));
    expect(log.records[0]!.objs).toEqual([-1, 7, -4]);
  });

  it('should note which step woke a task, adding what the woken operation was parked on', () => {
    const log = new StepLog();
    log.taskStep(task(1));
    const parked = task(2, on(3, 8));
    log.woke(parked);
    expect(parked.enabler).toBe(0);
    expect(log.records[0]!.objs).toEqual([-1, 3, 8]);
    log.taskStep(parked);
    expect(log.records[1]!.enabler).toBe(0);
    expect(parked.enabler).toBe(-1); // consumed by its step
    const rearmed = task(3);
    log.rearmed(rearmed);
    expect(rearmed.enabler).toBe(1);
  });

  it("should record a timer's firing as a step of no task, writing the clock when it moves it", () => {
    const log = new StepLog();
    const owner = new TestOwner('sleep'); // touches object 9
    log.timerStep(new Timer(owner, 'main@timer1', 1));
    log.timerStep(new Timer(owner, 'main@timer2', 1), true);
    expect(log.records).toEqual([
      { task: 0, option: 'main@timer1', objs: [9], enabler: -1 },
      { task: 0, option: 'main@timer2', objs: [9, CLOCK_OBJECT], enabler: -1 },
    ]);
  });
});
