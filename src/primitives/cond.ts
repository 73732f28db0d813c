import type { Owned, Runtime } from '../runtime/contract.js';
import { newClock } from '../runtime/happens-before/race.js';
import type { Footprint } from '../strategies/strategy.js';
import type { Performer, Task } from '../runtime/task.js';
import { requireRuntime } from './chan.js';
import { WaitReason } from '../base/go-texts.js';
import type { Locker } from './mutex.js';
import { nameOption, type NameOptions } from './name.js';

/*
 * Go's sync.Cond over the runtime's notifyList (src/runtime/sema.go): `wait` takes a ticket, unlocks
 * L, then parks until its ticket is notified. Tickets make the unlock-and-park atomic even though they
 * are two steps here (the synchronous unlock, then the announced park): a `signal` that comes in
 * between notifies the ticket, and the park then completes at once. `signal` notifies the oldest
 * unnotified ticket, `broadcast` all of them. After waking, `wait` re-locks L (a plain `L.lock()`, so a
 * task blocked there shows `sync.Mutex.Lock`, as in Go).
 */

/**
 * Go's `sync.Cond`. Call `wait` with `L` held, in a loop that re-checks the condition:
 *
 * ```ts
 * const mu = new Mutex();
 * const cond = new Cond(mu);
 * await mu.lock();
 * while (!ready) await cond.wait();
 * mu.unlock();
 * ```
 */
export class Cond implements Performer, Owned {
  readonly rt: Runtime;
  readonly id: number;
  readonly label: string;
  /** Next ticket to hand out, and the first ticket not yet notified (Go's notifyList wait/notify). */
  private nextTicket = 0;
  private notified = 0;
  /** Parked waiters by ticket (ascending, as tickets are taken in order). */
  private readonly parked: Task[] = [];
  private readonly fp: Footprint;

  /** Happens-before: what signals and broadcasts published (race detector). */
  private readonly clock = newClock();

  constructor(
    readonly L: Locker,
    options?: NameOptions,
  ) {
    this.rt = requireRuntime('new Cond()');
    const { id, label } = this.rt.register('Cond', nameOption(options, 'new Cond()'));
    this.id = id;
    this.label = label;
    this.fp = [{ obj: id, write: true }];
  }

  /**
   * Go's `Wait`: atomically unlocks `L` and blocks (wait reason `sync.Cond.Wait`) until a `signal` or
   * `broadcast` wakes this task, then locks `L` again before resolving. Unlocking an unlocked `L` is
   * the locker's fatal error. Wake-ups may be spurious from the caller's view: re-check in a loop.
   */
  wait(): Promise<void> {
    const rt = this.rt;
    const t = rt.caller('wait', this.label);
    // Not in this run (or misuse): announce reports it and returns a promise that never settles.
    if (t === null) return rt.announce(this, 0, Number.POSITIVE_INFINITY, 'wait');
    const ticket = this.nextTicket++;
    this.L.unlock();
    return rt.announce(this, 0, ticket, 'wait').then(() => this.L.lock());
  }

  /** Go's `Signal`: wakes the longest-waiting task, if any. Synchronous; `L` need not be held. */
  signal(): void {
    const rt = this.rt;
    const t = rt.caller('signal', this.label);
    if (t === null) return;
    rt.recorder?.emit(rt.steps, t.id, 'CondSignaled', { obj: this.label }, t.site);
    rt.race?.release(t.id, this.clock); // a signal happens before the wait it wakes returns
    if (this.notified === this.nextTicket) return;
    const ticket = this.notified++;
    const i = this.parked.findIndex((w) => w.arg === ticket);
    if (i >= 0) {
      const w = this.parked.splice(i, 1)[0]!;
      rt.race?.acquire(w.id, this.clock);
      rt.wake(w, undefined);
    }
  }

  /** Go's `Broadcast`: wakes every waiting task. Synchronous. */
  broadcast(): void {
    const rt = this.rt;
    const t = rt.caller('broadcast', this.label);
    if (t === null) return;
    rt.recorder?.emit(rt.steps, t.id, 'CondBroadcast', { obj: this.label }, t.site);
    this.notified = this.nextTicket;
    rt.race?.release(t.id, this.clock);
    for (const w of this.parked.splice(0)) {
      rt.race?.acquire(w.id, this.clock);
      rt.wake(w, undefined);
    }
  }

  perform(task: Task): boolean {
    const ticket = task.arg as number;
    if (ticket < this.notified) {
      this.rt.race?.acquire(task.id, this.clock);
      this.rt.recorder?.emit(this.rt.steps, task.id, 'CondWoke', { obj: this.label }, task.site);
      return true;
    }
    this.parked.push(task);
    task.waitReason = WaitReason.condWait;
    return false;
  }

  footprint(): Footprint {
    return this.fp;
  }
}
