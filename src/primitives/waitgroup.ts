import { GoPanic } from '../base/errors.js';
import type { Owned, Runtime } from '../runtime/contract.js';
import { VarState, newClock } from '../runtime/happens-before/race.js';
import type { Footprint } from '../strategies/strategy.js';
import type { Performer, Task } from '../runtime/task.js';
import { requireRuntime } from './chan.js';
import { Panic, WaitReason } from '../base/go-texts.js';
import { go } from './go.js';
import { nameOption, type NameOptions } from './name.js';

const WgOp = { Wait: 1, Released: 2 } as const;

/*
 * Go's sync.WaitGroup (src/sync/waitgroup.go): a counter and a waiter count. `add` that brings the
 * counter to zero releases every waiter and resets the waiter count. A released waiter is not done
 * yet: as in Go, it re-checks the state when it runs again (Runtime.rearm), and if the group was
 * reused in the meantime (an `add` or a new `wait` happened before the woken waiter ran) it panics
 * with `sync: WaitGroup is reused before previous Wait has returned`.
 * Go's other misuse panic, `Add called concurrently with Wait`, detects a race between Add's and
 * Wait's separate atomic instructions; here `add` and `wait` are each atomic, so it cannot occur.
 * The race detector reports that misuse instead, with Go's rule: an `add` that lifts the counter
 * from zero reads a hidden variable that the first `wait` to block writes, so the two must be
 * ordered (the `add` before the work starts, as the pattern above does).
 */

/**
 * Go's `sync.WaitGroup`: `add(n)` before starting work, `done()` when each piece ends, `wait()` blocks
 * (wait reason `sync.WaitGroup.Wait`) until the counter is zero.
 *
 * ```ts
 * const wg = new WaitGroup();
 * for (const job of jobs) { wg.add(1); go(async () => { try { await run(job); } finally { wg.done(); } }); }
 * await wg.wait();
 * ```
 * A counter below zero panics (`sync: negative WaitGroup counter`), synchronously from `add`/`done`.
 */
export class WaitGroup implements Performer, Owned {
  readonly rt: Runtime;
  readonly id: number;
  readonly label: string;
  private counter = 0;
  /** Tasks blocked in `wait` (Go's waiter count is their number). */
  private waiters: Task[] = [];
  private readonly fp: Footprint;

  /** Happens-before: what every Done so far published (race detector). */
  private readonly clock = newClock();
  /** Go's `wg.sema` as the detector sees it: the first add from zero reads it, a first blocked wait writes it. */
  private readonly sema: VarState | null;

  constructor(options?: NameOptions) {
    this.rt = requireRuntime('new WaitGroup()');
    const { id, label } = this.rt.register('WaitGroup', nameOption(options, 'new WaitGroup()'));
    this.id = id;
    this.label = label;
    this.fp = [{ obj: id, write: true }];
    this.sema = this.rt.race ? new VarState(`${label} (Add called concurrently with Wait)`) : null;
  }

  /**
   * Go's `Add(delta)`. Synchronous. Panics with `sync: negative WaitGroup counter` if the counter
   * goes below zero (the counter keeps the negative value, as Go's does). Reaching zero releases
   * every waiting task.
   */
  add(delta: number): void {
    const rt = this.rt;
    const t = rt.caller('add', this.label);
    if (t === null) return;
    this.counter += delta;
    // A Done (a negative delta) happens before the Wait it releases.
    if (delta < 0) rt.race?.release(t.id, this.clock);
    else if (this.sema !== null && delta > 0 && this.counter === delta) rt.raceRead(t, this.sema);
    rt.recorder?.emit(
      rt.steps,
      t.id,
      'WaitGroupAdded',
      { obj: this.label, delta, counter: this.counter },
      t.site,
    );
    if (this.counter < 0) throw new GoPanic(Panic.negativeWaitGroup);
    if (this.counter > 0 || this.waiters.length === 0) return;
    const released = this.waiters;
    this.waiters = [];
    for (const w of released) {
      w.op = WgOp.Released;
      rt.rearm(w);
    }
  }

  /** Go's `Done`: `add(-1)`. */
  done(): void {
    this.add(-1);
  }

  /** Go's `Wait`: resolves once the counter is zero. A switch point even when it is zero already. */
  wait(): Promise<void> {
    return this.rt.announce(this, WgOp.Wait, undefined, 'wait');
  }

  /**
   * Go 1.25's `WaitGroup.Go`: `add(1)`, then start `fn` in a new task that calls `done()` when `fn`
   * returns or throws (a throw still escapes the task, as Go's panic does).
   */
  go(fn: () => unknown, name?: string): void {
    this.add(1);
    go(() => {
      let r: unknown;
      try {
        r = fn();
      } catch (e) {
        this.done();
        throw e;
      }
      if (r instanceof Promise) {
        return r.then(
          () => this.done(),
          (e: unknown) => {
            this.done();
            throw e;
          },
        );
      }
      this.done();
      return undefined;
    }, name ?? fn.name);
  }

  /** The counter (for tests and invariants; Go has no such method). */
  get count(): number {
    return this.counter;
  }

  perform(task: Task): boolean {
    const rt = this.rt;
    if (task.op === WgOp.Released) {
      task.op = WgOp.Wait;
      if (this.counter !== 0 || this.waiters.length !== 0) {
        task.setFailure(new GoPanic(Panic.waitGroupReused));
        return true;
      }
    } else if (this.counter !== 0) {
      if (this.sema !== null && this.waiters.length === 0) rt.raceWrite(task, this.sema);
      this.waiters.push(task);
      task.waitReason = WaitReason.waitGroupWait;
      return false;
    }
    rt.race?.acquire(task.id, this.clock);
    rt.recorder?.emit(rt.steps, task.id, 'WaitGroupWaited', { obj: this.label }, task.site);
    return true;
  }

  footprint(): Footprint {
    return this.fp;
  }
}
