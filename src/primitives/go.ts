import { InterleaveError } from '../base/errors.js';
import { notInFreeMode } from '../free/free.js';
import { NO_FOOTPRINT, type Footprint } from '../strategies/strategy.js';
import type { Performer, Task } from '../runtime/task.js';
import { requireRuntime } from './chan.js';
import { WaitReason } from '../base/go-texts.js';

/**
 * `go fn()`: start a task. Synchronous and not a switch point: the new task is runnable and starts
 * when the strategy picks it. `name` shows in dumps; by default the function's name, or
 * `<parent>.func<N>` for an anonymous function, as Go names closures.
 */
export function go(fn: () => unknown, name?: string): void {
  if (typeof fn !== 'function') throw new InterleaveError(`go() takes a function, got ${typeof fn}`);
  requireRuntime('go').spawn(fn, name ?? fn.name);
}

const yieldPoint: Performer = {
  label: 'yield',
  perform(task: Task): boolean {
    task.spinning = true;
    return true;
  },
  footprint: (): Footprint => NO_FOOTPRINT,
};

/** A pure switch point (Go's runtime.Gosched): lets the strategy run another task here. */
export function yield_(): Promise<void> {
  return requireRuntime('yield_').announce(yieldPoint, 0, undefined, 'yield');
}

const settlePoint: Performer = {
  label: 'settle',
  perform(task: Task): boolean {
    const rt = requireRuntime('settle');
    if (rt.free) {
      task.setFailure(notInFreeMode('settle()'));
      return true;
    }
    if (rt.runnableCount === 0) return true;
    if (rt.settler) {
      task.setFailure(
        new InterleaveError(`settle() called by ${task.label} while ${rt.settler.label} is already settling`),
      );
      return true;
    }
    rt.parkSettler(task);
    task.waitReason = WaitReason.settle;
    return false;
  },
  footprint: (): Footprint => NO_FOOTPRINT,
};

/**
 * Resolves when every other task is blocked or finished (Go's `synctest.Wait`): a task blocked on a
 * channel, lock or timer counts as blocked; a runnable one does not.
 */
export function settle(): Promise<void> {
  return requireRuntime('settle').announce(settlePoint, 0, undefined, 'settle');
}

/** Tasks started and not finished, main included (Go's `runtime.NumGoroutine`). */
export function numTasks(): number {
  return requireRuntime('numTasks').liveTasks;
}
