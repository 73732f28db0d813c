/**
 * Go's time.Duration: integer nanoseconds. The units are exported from `time` for users; the
 * formatter is Go's Duration.String ("1h2m3.5s", "1.5ms", "0s"), for events and messages.
 */
export type Duration = number;

export const Nanosecond: Duration = 1;
export const Microsecond: Duration = 1_000;
export const Millisecond: Duration = 1_000_000;
export const Second: Duration = 1_000_000_000;
export const Minute: Duration = 60 * Second;
export const Hour: Duration = 60 * Minute;

/** `frac` as Go prints a fraction: digits without trailing zeros, after a dot; '' when zero. */
function fraction(value: number, unit: number): string {
  const digits = String(unit).length - 1;
  const f = value % unit;
  if (f === 0) return '';
  return '.' + String(f).padStart(digits, '0').replace(/0+$/, '');
}

export function formatDuration(d: Duration): string {
  if (d === 0) return '0s';
  const sign = d < 0 ? '-' : '';
  const u = Math.abs(Math.trunc(d));
  if (u < Microsecond) return `${sign}${u}ns`;
  if (u < Millisecond) return `${sign}${Math.floor(u / Microsecond)}${fraction(u, Microsecond)}µs`;
  if (u < Second) return `${sign}${Math.floor(u / Millisecond)}${fraction(u, Millisecond)}ms`;
  const h = Math.floor(u / Hour);
  const m = Math.floor((u % Hour) / Minute);
  const s = `${Math.floor((u % Minute) / Second)}${fraction(u % Minute, Second)}s`;
  if (h > 0) return `${sign}${h}h${m}m${s}`;
  if (m > 0) return `${sign}${m}m${s}`;
  return `${sign}${s}`;
}
