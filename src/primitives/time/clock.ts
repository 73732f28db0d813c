import { lateOrFree } from '../../free/free.js';
import { realm } from '../../runtime/realm.js';
import type { Runtime } from '../../runtime/contract.js';
import type { Duration } from '../../base/duration.js';
import { EPOCH_MS, virtualDate } from '../../base/epoch.js';

/** The run's virtual clock, or the real one in free mode (free/free.ts). */
export function runtimeFor(_what: string): Runtime {
  return realm.rt ?? lateOrFree();
}

/** A point in virtual time (Go's time.Time), with nanosecond precision. */
export class Time {
  /** `ns`: nanoseconds since the run started (2000-01-01T00:00:00Z). */
  constructor(readonly ns: number) {}

  /** Go's `t.Sub(u)`. */
  sub(u: Time): Duration {
    return this.ns - u.ns;
  }
  add(d: Duration): Time {
    return new Time(this.ns + d);
  }
  before(u: Time): boolean {
    return this.ns < u.ns;
  }
  after(u: Time): boolean {
    return this.ns > u.ns;
  }
  equal(u: Time): boolean {
    return this.ns === u.ns;
  }
  unixMilli(): number {
    return EPOCH_MS + Math.floor(this.ns / 1e6);
  }
  toDate(): Date {
    return virtualDate(this.ns);
  }
  toString(): string {
    const iso = this.toDate().toISOString().slice(0, 19);
    const nanos = this.ns % 1e9;
    return nanos === 0 ? `${iso}Z` : `${iso}.${String(nanos).padStart(9, '0').replace(/0+$/, '')}Z`;
  }
}

/** Go's `time.Now()`: the run's virtual clock. */
export function now(): Time {
  return new Time(runtimeFor('time.now').now);
}

/** Go's `time.Since(t)`. */
export function since(t: Time): Duration {
  return runtimeFor('time.since').now - t.ns;
}

/** Go's `time.Until(t)`. */
export function until(t: Time): Duration {
  return t.ns - runtimeFor('time.until').now;
}
