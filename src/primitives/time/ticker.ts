import type { Duration } from '../../base/duration.js';
import { GoPanic } from '../../base/errors.js';
import type { Runtime } from '../../runtime/contract.js';
import type { Footprint } from '../../strategies/strategy.js';
import type { Timer as Scheduled, TimerOwner } from '../../runtime/timers.js';
import { Panic } from '../../base/go-texts.js';
import { runtimeFor, Time } from './clock.js';
import { TimerChan } from './timer.js';
import { nameOption, type NameOptions } from '../name.js';

/**
 * Go's `*time.Ticker`: sends the time on `C` every `d`. A tick that finds the previous one still
 * unreceived is dropped, as Go adjusts for slow receivers. Like any channel timer it keeps the run
 * alive only while a task waits on `C`, so a forgotten ticker does not hide a deadlock.
 */
export class Ticker implements TimerOwner {
  readonly label: string;
  readonly C: TimerChan;
  private readonly rt: Runtime;
  private readonly scheduled: Scheduled;
  private period: Duration;

  /** @internal Use `newTicker`. */
  constructor(d: Duration, options?: NameOptions) {
    const name = nameOption(options, 'time.newTicker');
    this.C = new TimerChan(() => this.expireIfDue(), name);
    if (!(d > 0)) throw new GoPanic(Panic.nonPositiveTicker);
    const rt = runtimeFor('time.newTicker');
    this.rt = rt;
    this.label = rt.register('Ticker', name).label;
    this.period = Math.floor(d);
    const t = rt.caller('newTicker', this.label);
    this.scheduled = rt.newTimer(this, t);
    if (t) rt.armTimer(this.scheduled, rt.now + this.period);
  }

  /** Go's `Stop`: no more ticks; a tick not yet received is discarded (Go 1.23). */
  stop(): void {
    if (this.rt.caller('Ticker.stop', this.label) === null) return;
    this.C.drain();
    this.rt.disarmTimer(this.scheduled);
  }

  /** Go's `Reset(d)`: ticks every `d` from now on. */
  reset(d: Duration): void {
    if (!(d > 0)) throw new GoPanic(Panic.nonPositiveTickerReset);
    if (this.rt.caller('Ticker.reset', this.label) === null) return;
    this.period = Math.floor(d);
    this.C.drain();
    this.rt.armTimer(this.scheduled, this.rt.now + this.period);
  }

  /** @internal Runs when the runtime fires it (a task waits on C). */
  fire(timer: Scheduled): void {
    this.tick(timer);
  }

  /** A receive looks at C: deliver a tick that is due (the ticker runs lazily while unwatched). */
  private expireIfDue(): void {
    const s = this.scheduled;
    if (!s.scheduled || s.when > this.rt.now) return;
    this.rt.disarmTimer(s);
    this.rt.recorder?.emit(this.rt.steps, s.task, 'TimerFired', { obj: this.label, onReceive: true }, null);
    this.tick(s);
  }

  /**
   * Sends the tick due at `timer.when` (dropped if one is still unreceived) and re-arms. Ticks
   * missed while nobody watched are skipped, not replayed, as Go's ticker does.
   */
  private tick(timer: Scheduled): void {
    const due = timer.when;
    this.C.offer(new Time(due), timer.hb);
    const behind = Math.floor((this.rt.now - due) / this.period);
    this.rt.armTimer(timer, due + this.period * (1 + behind), null);
  }

  /** @internal */
  pending(): boolean {
    return this.C.awaited;
  }

  /** @internal */
  footprint(): Footprint {
    return this.C.footprint();
  }
}

/** Go's `time.NewTicker(d)`; panics with Go's text if `d <= 0`. `options.name` names it. */
export function newTicker(d: Duration, options?: NameOptions): Ticker {
  return new Ticker(d, options);
}

/** Go's `time.Tick(d)`: the channel of a ticker that is never stopped (named as `newTicker` names it). */
export function tick(d: Duration, options?: NameOptions): TimerChan | null {
  return d > 0 ? newTicker(d, options).C : null;
}
