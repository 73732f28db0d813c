import type { Owned, Runtime } from '../runtime/contract.js';
import { newClock } from '../runtime/happens-before/race.js';
import type { Footprint } from '../strategies/strategy.js';
import type { Performer, Task } from '../runtime/task.js';
import { requireRuntime } from './chan.js';
import { Fatal, WaitReason } from '../base/go-texts.js';
import { nameOption, type NameOptions } from './name.js';

/** Go's `sync.Locker`: what a `Cond` is built on (a `Mutex`, or an `RWMutex`'s `rLocker()`). */
export interface Locker {
  lock(): Promise<void>;
  unlock(): void;
}

const MutexOp = { Lock: 1, Retry: 2 } as const;

/*
 * A mutex following Go's sync.Mutex in normal mode (src/internal/sync/mutex.go). Unlock does not
 * hand the mutex to a waiter: it frees it and wakes the first waiter, which is then *announced
 * again* (Runtime.rearm) and retries when the strategy picks it. Any task whose lock is performed
 * first takes the mutex (barging), so the strategy decides who wins, as the Go scheduler does.
 * At most one waiter is awake at a time (Go's mutexWoken bit): an unlock while a woken waiter has
 * not retried yet wakes nobody. A woken waiter that loses re-parks at the head of the queue (Go's
 * queueLifo). Invariant: a non-empty queue with the mutex free implies a woken waiter exists.
 * Starvation mode (a waiter blocked for over 1 ms of wall-clock time gets a direct hand-off) is
 * not modelled: the explorer may show a waiter losing any number of times in a row.
 */

/**
 * Go's `sync.Mutex`. Not FIFO and not reentrant; `unlock` by a task that did not lock is legal.
 *
 * ```ts
 * const mu = new Mutex();
 * await mu.lock();
 * try { balance += 1; } finally { mu.unlock(); }
 * ```
 */
export class Mutex implements Performer, Owned, Locker {
  readonly rt: Runtime;
  readonly id: number;
  readonly label: string;
  private locked = false;
  /** A waiter was woken and has not retried yet (Go's mutexWoken). */
  private woken = false;
  /** Parked lockers, first to wake first (a plain array: Go's queue is short-lived and small). */
  private readonly waiters: Task[] = [];
  private readonly fp: Footprint;
  /** Happens-before: what every unlock so far published (race detector). */
  private readonly clock = newClock();

  constructor(options?: NameOptions) {
    this.rt = requireRuntime('new Mutex()');
    const { id, label } = this.rt.register('Mutex', nameOption(options, 'new Mutex()'));
    this.id = id;
    this.label = label;
    this.fp = [{ obj: id, write: true }];
  }

  /** Go's `Lock`: blocks (wait reason `sync.Mutex.Lock`) until this task takes the mutex. */
  lock(): Promise<void> {
    return this.rt.announce(this, MutexOp.Lock, undefined, 'lock');
  }

  /**
   * Go's `Unlock`. Synchronous. Unlocking an unlocked mutex is Go's *fatal* error
   * `sync: unlock of unlocked mutex`: the run ends at once and no `catch` can save it.
   */
  unlock(): void {
    const rt = this.rt;
    const t = rt.caller('unlock', this.label);
    if (t === null) return;
    if (!this.locked) rt.fatal(Fatal.unlockOfUnlockedMutex, t);
    rt.race?.release(t.id, this.clock);
    this.locked = false;
    rt.recorder?.emit(rt.steps, t.id, 'MutexUnlocked', { obj: this.label }, t.site);
    if (this.woken) return;
    const w = this.waiters.shift();
    if (w) {
      this.woken = true;
      w.op = MutexOp.Retry;
      rt.rearm(w);
    }
  }

  /** Go's `TryLock`: takes the mutex if it is free (even if tasks are waiting for it). Synchronous. */
  tryLock(): boolean {
    const rt = this.rt;
    const t = rt.caller('tryLock', this.label);
    if (t === null) return false;
    if (this.locked) {
      rt.recorder?.emit(rt.steps, t.id, 'MutexTryLockFailed', { obj: this.label }, t.site);
      return false;
    }
    this.locked = true;
    rt.race?.acquire(t.id, this.clock);
    rt.recorder?.emit(rt.steps, t.id, 'MutexLocked', { obj: this.label, tryLock: true }, t.site);
    return true;
  }

  /** Whether the mutex is held (for tests and invariants; Go has no such method). */
  get isLocked(): boolean {
    return this.locked;
  }

  perform(task: Task): boolean {
    const retry = task.op === MutexOp.Retry;
    if (retry) this.woken = false;
    if (!this.locked) {
      this.locked = true;
      this.rt.race?.acquire(task.id, this.clock); // the previous unlock happens before this lock
      this.rt.recorder?.emit(
        this.rt.steps,
        task.id,
        'MutexLocked',
        { obj: this.label, tryLock: false },
        task.site,
      );
      return true;
    }
    if (retry) this.waiters.unshift(task);
    else this.waiters.push(task);
    task.op = MutexOp.Lock;
    task.waitReason = WaitReason.mutexLock;
    return false;
  }

  footprint(): Footprint {
    return this.fp;
  }
}
