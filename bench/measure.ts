/**
 * Timing helpers: wall-clock nanoseconds from `process.hrtime.bigint()`, and medians. One job: turn
 * "run this" into numbers; what is run is the workloads' business. Also the shape of one figure the
 * bench reports (`Metric`).
 */

/** One reported figure: its name (e.g. `race.overhead_ratio`), its value and its unit. */
export interface Metric {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** Nanoseconds `fn` took (awaited). */
export async function timeNs(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start);
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Units of work per second, from a count and the nanoseconds it took. */
export function perSecond(count: number, ns: number): number {
  return (count * 1e9) / ns;
}

/** Gives the real event loop a turn (lets pending macrotasks and GC-adjacent work settle between samples). */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
