import type { Owned, Runtime } from '../runtime/contract.js';
import { newClock } from '../runtime/happens-before/race.js';
import type { Footprint } from '../strategies/strategy.js';
import type { Performer, Task } from '../runtime/task.js';
import { requireRuntime } from './chan.js';
import { Fatal, WaitReason } from '../base/go-texts.js';
import type { Locker } from './mutex.js';
import { nameOption, type NameOptions } from './name.js';

/** The events of a lock taken through a semaphore. */
type LockedEvent = 'RWMutexLocked' | 'RWMutexRLocked';

const RWOp = { RLock: 1, Lock: 2, LockRetry: 3 } as const;

/** Go's rwmutexMaxReaders: a pending writer subtracts it from readerCount to make it negative. */
const MAX_READERS = 1 << 30;

/** A runtime semaphore (Go's sema): a count, and tasks parked on it in FIFO order. */
interface Sema {
  count: number;
  readonly parked: Task[];
}

/*
 * Go's sync.RWMutex (src/sync/rwmutex.go), ported counter for counter so that misuse behaves as in
 * Go. Writers first take an inner mutex `w` (barging, exactly as Mutex: a blocked writer shows
 * `sync.Mutex.Lock`, as in Go's dumps, since it waits in w's Lock). Then the writer subtracts
 * MAX_READERS from readerCount: a negative readerCount tells new readers a writer is pending, so they
 * block on readerSem (`sync.RWMutex.RLock`): writers are preferred. The writer waits on writerSem
 * (`sync.RWMutex.Lock`) until the readers it saw (readerWait) have all left. Unlock restores
 * readerCount, releases the readers that queued meanwhile, then unlocks w.
 * Go's separate atomic instructions of one call happen here in one step; the interleavings this
 * removes end in the same states, because the semaphores count releases that precede acquires.
 */

/**
 * Go's `sync.RWMutex`: many readers or one writer. A waiting `lock` blocks new `rLock`s, so a task
 * must not `rLock` recursively. Unlock/RUnlock of an unlocked RWMutex are fatal errors.
 */
export class RWMutex implements Performer, Owned, Locker {
  readonly rt: Runtime;
  readonly id: number;
  readonly label: string;
  /** The inner writers' mutex (Go's `w`): locked flag, woken flag, parked writers. */
  private wLocked = false;
  private wWoken = false;
  private readonly writers: Task[] = [];
  /** Readers holding or waiting for the lock, minus MAX_READERS while a writer is pending. */
  private readerCount = 0;
  /** Readers the pending writer still waits for. */
  private readerWait = 0;
  private readonly readerSem: Sema = { count: 0, parked: [] };
  private readonly writerSem: Sema = { count: 0, parked: [] };
  private readonly fp: Footprint;

  /** Happens-before: what unlocks and rUnlocks published (race detector). */
  private readonly wClock = newClock();
  private readonly rClock = newClock();

  constructor(options?: NameOptions) {
    this.rt = requireRuntime('new RWMutex()');
    const { id, label } = this.rt.register('RWMutex', nameOption(options, 'new RWMutex()'));
    this.id = id;
    this.label = label;
    this.fp = [{ obj: id, write: true }];
  }

  /** Go's `Lock`: blocks until no reader and no other writer holds the lock. */
  lock(): Promise<void> {
    return this.rt.announce(this, RWOp.Lock, undefined, 'lock');
  }

  /** Go's `RLock`: blocks (wait reason `sync.RWMutex.RLock`) while a writer holds or awaits the lock. */
  rLock(): Promise<void> {
    return this.rt.announce(this, RWOp.RLock, undefined, 'rLock');
  }

  /** Go's `Unlock`: fatal error `sync: Unlock of unlocked RWMutex` if not write-locked. Synchronous. */
  unlock(): void {
    const rt = this.rt;
    const t = rt.caller('unlock', this.label);
    if (t === null) return;
    rt.race?.release(t.id, this.wClock);
    const r = (this.readerCount += MAX_READERS);
    if (r >= MAX_READERS) rt.fatal(Fatal.unlockOfUnlockedRWMutex, t);
    rt.recorder?.emit(rt.steps, t.id, 'RWMutexUnlocked', { obj: this.label }, t.site);
    for (let i = 0; i < r; i++) this.release(this.readerSem, 'RWMutexRLocked');
    this.unlockW();
  }

  /** Go's `RUnlock`: fatal error `sync: RUnlock of unlocked RWMutex` if not read-locked. Synchronous. */
  rUnlock(): void {
    const rt = this.rt;
    const t = rt.caller('rUnlock', this.label);
    if (t === null) return;
    rt.race?.release(t.id, this.rClock);
    const r = --this.readerCount;
    if (r < 0) {
      if (r + 1 === 0 || r + 1 === -MAX_READERS) rt.fatal(Fatal.rUnlockOfUnlockedRWMutex, t);
      rt.recorder?.emit(rt.steps, t.id, 'RWMutexRUnlocked', { obj: this.label }, t.site);
      // A writer is pending: the last reader it waits for lets it in.
      if (--this.readerWait === 0) this.release(this.writerSem, 'RWMutexLocked');
      return;
    }
    rt.recorder?.emit(rt.steps, t.id, 'RWMutexRUnlocked', { obj: this.label }, t.site);
  }

  /** Go's `TryLock`: write-locks if nobody holds the lock (readers or writer). Synchronous. */
  tryLock(): boolean {
    const rt = this.rt;
    const t = rt.caller('tryLock', this.label);
    if (t === null) return false;
    let ok = false;
    if (!this.wLocked) {
      this.wLocked = true;
      if (this.readerCount === 0) {
        this.readerCount = -MAX_READERS;
        ok = true;
      } else {
        this.unlockW();
      }
    }
    if (ok) this.locked(t.id, true);
    rt.recorder?.emit(
      rt.steps,
      t.id,
      ok ? 'RWMutexLocked' : 'RWMutexTryLockFailed',
      { obj: this.label },
      t.site,
    );
    return ok;
  }

  /** Go's `TryRLock`: read-locks unless a writer holds or awaits the lock. Synchronous. */
  tryRLock(): boolean {
    const rt = this.rt;
    const t = rt.caller('tryRLock', this.label);
    if (t === null) return false;
    const ok = this.readerCount >= 0;
    if (ok) {
      this.readerCount++;
      this.locked(t.id, false);
    }
    rt.recorder?.emit(
      rt.steps,
      t.id,
      ok ? 'RWMutexRLocked' : 'RWMutexTryRLockFailed',
      { obj: this.label },
      t.site,
    );
    return ok;
  }

  /** Go's `RLocker`: a Locker whose lock/unlock are rLock/rUnlock (for a Cond over readers). */
  rLocker(): Locker {
    return { lock: () => this.rLock(), unlock: () => this.rUnlock() };
  }

  perform(task: Task): boolean {
    if (task.op === RWOp.RLock) {
      if (++this.readerCount < 0) {
        // A writer is pending: wait for it.
        return this.acquire(this.readerSem, task, WaitReason.rwMutexRLock, 'RWMutexRLocked');
      }
      this.locked(task.id, false);
      this.rt.recorder?.emit(this.rt.steps, task.id, 'RWMutexRLocked', { obj: this.label }, task.site);
      return true;
    }
    // First, resolve competition with other writers (w.Lock, barging as Mutex.lock does).
    const retry = task.op === RWOp.LockRetry;
    if (retry) this.wWoken = false;
    if (this.wLocked) {
      if (retry) this.writers.unshift(task);
      else this.writers.push(task);
      task.op = RWOp.Lock;
      task.waitReason = WaitReason.mutexLock;
      return false;
    }
    this.wLocked = true;
    // Announce to readers there is a pending writer, then wait for the active ones to leave.
    const r = this.readerCount;
    this.readerCount -= MAX_READERS;
    if (r !== 0 && (this.readerWait += r) !== 0) {
      return this.acquire(this.writerSem, task, WaitReason.rwMutexLock, 'RWMutexLocked');
    }
    this.locked(task.id, true);
    this.rt.recorder?.emit(this.rt.steps, task.id, 'RWMutexLocked', { obj: this.label }, task.site);
    return true;
  }

  /**
   * Happens-before at the API's edges (Go's memory model for RWMutex): every Unlock before a later
   * Lock or RLock; every RUnlock before the Lock that follows it.
   */
  private locked(task: number, write: boolean): void {
    this.rt.race?.acquire(task, this.wClock);
    if (write) this.rt.race?.acquire(task, this.rClock);
  }

  footprint(): Footprint {
    return this.fp;
  }

  /** Go's `w.Unlock()`: frees the writers' mutex and wakes one waiting writer to retry. */
  private unlockW(): void {
    if (!this.wLocked) this.rt.fatal(Fatal.unlockOfUnlockedMutex);
    this.wLocked = false;
    if (this.wWoken) return;
    const w = this.writers.shift();
    if (w) {
      this.wWoken = true;
      w.op = RWOp.LockRetry;
      this.rt.rearm(w);
    }
  }

  private acquire(sem: Sema, task: Task, reason: string, event: LockedEvent): boolean {
    if (sem.count > 0) {
      sem.count--;
      this.locked(task.id, event === 'RWMutexLocked');
      this.rt.recorder?.emit(this.rt.steps, task.id, event, { obj: this.label }, task.site);
      return true;
    }
    sem.parked.push(task);
    task.waitReason = reason;
    return false;
  }

  private release(sem: Sema, event: LockedEvent): void {
    const w = sem.parked.shift();
    if (!w) {
      sem.count++;
      return;
    }
    this.locked(w.id, event === 'RWMutexLocked');
    this.rt.recorder?.emit(this.rt.steps, w.id, event, { obj: this.label }, w.site);
    this.rt.wake(w, undefined);
  }
}
