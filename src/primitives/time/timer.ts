import type { Duration } from '../../base/duration.js';
import { InterleaveError } from '../../base/errors.js';
import type { Runtime } from '../../runtime/contract.js';
import type { Footprint } from '../../strategies/strategy.js';
import type { Timer as Scheduled, TimerOwner } from '../../runtime/timers.js';
import { Chan } from '../chan.js';
import { nameOption, type NameOptions } from '../name.js';
import { runtimeFor, Time } from './clock.js';

/**
 * A timer's channel, as in Go 1.23: synchronous to the user (`len` and `cap` are 0), while a
 * fired value waits in a hidden one-slot buffer until received; Stop and Reset empty it, so no
 * stale value is ever received.
 */
export class TimerChan extends Chan<Time> {
  /** `ownerName`: the name of its timer or ticker, if any; the channel shows as `chan#3 (name.C)`. */
  constructor(expireIfDue: () => void, ownerName?: string) {
    super(1, undefined, ownerName === undefined ? undefined : { name: `${ownerName}.C` });
    this.beforeRecv = expireIfDue;
  }
  override len(): number {
    return 0;
  }
  override cap(): number {
    return 0;
  }
  /** A task is blocked receiving from it (a plain receive or a select case). */
  get awaited(): boolean {
    return !this.recvq.empty;
  }
}

/**
 * Go's `*time.Timer`: fires once, `d` after it was made or reset. Either sends the time on `C`
 * (`newTimer`, `after`) or starts `fn` in its own task (`afterFunc`, where `C` is null).
 */
export class Timer implements TimerOwner {
  readonly label: string;
  readonly C: TimerChan | null;
  private readonly rt: Runtime;
  private readonly scheduled: Scheduled;
  private readonly creator: number;
  private readonly fp: Footprint;

  /** @internal Use `newTimer`, `after` or `afterFunc`. */
  constructor(
    d: Duration,
    private readonly fn: (() => unknown) | null,
    options?: NameOptions,
  ) {
    const name = nameOption(options, fn ? 'time.afterFunc' : 'time.newTimer');
    const rt = runtimeFor(fn ? 'time.afterFunc' : 'time.newTimer');
    const t = rt.caller(fn ? 'afterFunc' : 'newTimer');
    this.rt = rt;
    this.creator = t?.id ?? 0;
    this.C = fn ? null : new TimerChan(() => this.expireIfDue(), name);
    this.label = rt.register('Timer', name).label;
    this.fp = this.C ? this.C.footprint() : [];
    this.scheduled = rt.newTimer(this, t);
    if (t) rt.armTimer(this.scheduled, rt.now + Math.floor(d));
  }

  /**
   * Go's `Stop`: prevents the timer from firing. True if the call stopped it, false if its value
   * was already received (or its function started) or it was already stopped (Go 1.23). No value
   * of an earlier firing can be received afterwards.
   */
  stop(): boolean {
    if (this.rt.caller('Timer.stop', this.label) === null) return false;
    const active = this.active;
    this.C?.drain();
    this.rt.disarmTimer(this.scheduled);
    return active;
  }

  /**
   * Go 1.23: a channel timer stays active until its value is received (the channel is synchronous:
   * a firing nobody received is discarded by Stop or Reset, which then report true). An afterFunc
   * timer is active until its function has been started.
   */
  private get active(): boolean {
    return this.scheduled.scheduled || (this.C !== null && this.C.count > 0);
  }

  /**
   * Go's `Reset(d)`: the timer fires `d` from now. True if it had been active (Go 1.23: including a
   * firing not received yet, which it discards).
   */
  reset(d: Duration): boolean {
    if (this.rt.caller('Timer.reset', this.label) === null) return false;
    const wasActive = this.active;
    this.C?.drain();
    this.rt.disarmTimer(this.scheduled);
    this.rt.armTimer(this.scheduled, this.rt.now + Math.floor(d));
    return wasActive;
  }

  /** @internal Runs when the runtime fires it (a task waits on C, or an afterFunc). */
  fire(timer: Scheduled): void {
    if (this.C) this.C.offer(new Time(timer.when), timer.hb);
    else this.rt.spawnFor(this.creator, this.fn!, this.fn!.name || 'time.afterFunc', timer.hb);
  }

  /** A receive looks at C: deliver a firing that is due, stamped with the time it was due. */
  private expireIfDue(): void {
    const s = this.scheduled;
    if (!s.scheduled || s.when > this.rt.now) return;
    this.rt.disarmTimer(s);
    this.rt.recorder?.emit(this.rt.steps, s.task, 'TimerFired', { obj: this.label, onReceive: true }, null);
    this.C!.offer(new Time(s.when), s.hb);
  }

  /** @internal A channel timer keeps the run alive only while a task waits on its channel. */
  pending(): boolean {
    return this.C ? this.C.awaited : true;
  }

  /** @internal */
  footprint(): Footprint {
    return this.fp;
  }
}

/** Go's `time.NewTimer(d)`; `options.name` names the timer (and its channel, `name.C`). */
export function newTimer(d: Duration, options?: NameOptions): Timer {
  return new Timer(d, null, options);
}

/** Go's `time.After(d)`: the channel of a new timer (named as `newTimer` names it). */
export function after(d: Duration, options?: NameOptions): TimerChan {
  return newTimer(d, options).C!;
}

/** Go's `time.AfterFunc(d, fn)`: `fn` runs in its own task once `d` has passed, unless stopped. */
export function afterFunc(d: Duration, fn: () => unknown, options?: NameOptions): Timer {
  if (typeof fn !== 'function')
    throw new InterleaveError(`time.afterFunc takes a function, got ${typeof fn}`);
  return new Timer(d, fn, options);
}
