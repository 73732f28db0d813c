/*
 * The moment the microtask queue drains, found without waiting for the next macrotask. Node runs a
 * `process.nextTick` callback queued from a microtask right after the microtask queue empties and
 * before any other macrotask (I/O, timers, immediates), so a tick queued while a run is in flight
 * fires exactly when no task can move without something outside the run. Deciding there, and not
 * at the next `setImmediate`, makes the verdict on real I/O deterministic: even the fastest real
 * callback (a `stat` answered by the thread pool) runs after it, never before.
 *
 * The program's own ticks run first: while an exploration is in flight, `process.nextTick` is wrapped
 * to count the ticks queued and not yet run, and the probe queues itself again behind them.
 */

import { carry } from '../runtime/compat.js';

const realNextTick = process.nextTick.bind(process);
let userTicks = 0;

function countedNextTick(callback: (...args: unknown[]) => void, ...args: unknown[]): void {
  userTicks++;
  // In compatibility mode the callback runs as the task that queued it.
  realNextTick(
    carry(() => {
      userTicks--;
      callback(...args);
    }),
  );
}

/**
 * Count the program's ticks for the length of an exploration (explore's exclusive section, one at a
 * time): installed once, not per run, as the host's other patches are. Outside a run a tick is only
 * counted and uncounted as it runs.
 */
export function installTickCounter(): void {
  process.nextTick = countedNextTick as typeof process.nextTick;
}

export function uninstallTickCounter(): void {
  process.nextTick = realNextTick;
}

/**
 * Calls `onDrained` each time it is armed, once the microtask queue and the program's pending ticks
 * are empty. The tick is always queued from a microtask: Node runs every tick already queued before
 * it runs the microtasks, so a tick queued from a tick (the probe re-armed from its own callback)
 * would fire before the microtasks the callback itself queued. Its closures are made once (a run
 * arms it at every drain).
 */
export class DrainProbe {
  constructor(private readonly onDrained: () => void) {}

  private readonly probe = (): void => {
    if (userTicks > 0) queueMicrotask(this.queueTick);
    else this.onDrained();
  };
  private readonly queueTick = (): void => void realNextTick(this.probe);

  arm(): void {
    queueMicrotask(this.queueTick);
  }
}
