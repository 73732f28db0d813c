import type { Duration } from '../../base/duration.js';
import type { Runtime } from '../../runtime/contract.js';
import type { Footprint } from '../../strategies/strategy.js';
import type { Performer, Task } from '../../runtime/task.js';
import type { Timer, TimerOwner } from '../../runtime/timers.js';
import { WaitReason } from '../../base/go-texts.js';
import { runtimeFor } from './clock.js';

const NO_FOOTPRINT: Footprint = [];

/** One sleeping task's alarm: wakes it. Always pending (a sleeper is not deadlocked). */
class Alarm implements TimerOwner {
  readonly label = 'sleep';
  constructor(
    private readonly rt: Runtime,
    private readonly task: Task,
  ) {}
  fire(): void {
    this.rt.wake(this.task, undefined);
  }
  pending(): boolean {
    return true;
  }
  footprint(): Footprint {
    return NO_FOOTPRINT;
  }
}

const sleeper: Performer = {
  label: 'sleep',
  perform(task: Task): boolean {
    const d = task.arg as number;
    if (d <= 0) return true;
    const rt = runtimeFor('time.sleep');
    const timer: Timer = rt.newTimer(new Alarm(rt, task), task);
    rt.armTimer(timer, rt.now + d);
    task.waitReason = WaitReason.sleep;
    return false;
  },
  footprint: () => NO_FOOTPRINT,
};

/**
 * Go's `time.Sleep(d)`: blocks for `d` nanoseconds of virtual time (wait reason `sleep`). A switch
 * point even when `d <= 0`, which returns at once as in Go.
 */
export function sleep(d: Duration): Promise<void> {
  return runtimeFor('time.sleep').announce(sleeper, 0, Math.floor(d), 'sleep');
}
