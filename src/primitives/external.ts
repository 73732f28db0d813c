import type { Runtime } from '../runtime/contract.js';
import type { Footprint } from '../strategies/strategy.js';
import type { Performer, Task } from '../runtime/task.js';
import { requireRuntime } from './chan.js';

const NO_FOOTPRINT: Footprint = [];
export const EXTERNAL_WAIT_REASON = 'external';

/**
 * One piece of outside work a task waits for. Its settlement makes the task ready; when the task
 * resumes is then the strategy's choice like any other, so the point in the interleaving where the
 * work completes is explored. While it is pending, the run waits for it instead of calling a
 * deadlock or an outside await.
 */
class ExternalWork implements Performer {
  readonly label = 'external';
  private settled = false;
  private ok = true;
  private value: unknown;
  private waiter: Task | null = null;

  constructor(
    private readonly rt: Runtime,
    work: PromiseLike<unknown>,
  ) {
    rt.externalStarted();
    work.then(
      (v) => this.settle(true, v),
      (e: unknown) => this.settle(false, e),
    );
  }

  private settle(ok: boolean, value: unknown): void {
    const rt = this.rt;
    if (rt.ended) return;
    this.settled = true;
    this.ok = ok;
    this.value = value;
    rt.externalSettled();
    const t = this.waiter;
    if (t === null) return;
    this.waiter = null;
    if (ok) rt.wake(t, value);
    else rt.wakeFailure(t, value);
    rt.kick();
  }

  perform(task: Task): boolean {
    if (this.settled) {
      if (this.ok) task.result = this.value;
      else task.setFailure(this.value);
      return true;
    }
    this.waiter = task;
    task.waitReason = EXTERNAL_WAIT_REASON;
    return false;
  }

  footprint(): Footprint {
    return NO_FOOTPRINT;
  }
}

/**
 * Wait for work outside interleave's primitives — a fake fetch, a promise-based library — as an
 * operation of the run: `const user = await external(() => fakeFetch(id))`. `fn` starts the work at
 * once (in the calling task); its completion becomes a scheduling choice, so the explorer tries the
 * other tasks' steps before and after it. For a deterministic exploration the work must settle
 * without real I/O (resolved promises, or timers, which run on the virtual clock).
 */
export function external<T>(fn: () => T | PromiseLike<T>): Promise<Awaited<T>> {
  const rt = requireRuntime('external');
  let work: PromiseLike<unknown>;
  try {
    work = Promise.resolve(fn());
  } catch (e) {
    work = Promise.reject(e);
  }
  return rt.announce(new ExternalWork(rt, work), 0, undefined, 'external');
}
