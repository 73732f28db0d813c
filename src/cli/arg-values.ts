/*
 * The values of the command line's options, each checked at the edge: a refusal is a UsageError
 * naming the option, the value (shown on one line) and what is accepted.
 */
import { UsageError } from './usage.js';

const DEFAULT_TIMEOUT_S = 60;

/** `--workers` above this is refused: each is a thread with its own copy of the program. */
export const MAX_WORKERS = 256;
/** The longest time a Node timer can wait (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** The shortest --timeout: the watchdog hears from a worker every 20 ms at best. */
const MIN_TIMEOUT_MS = 100;

/** A value as a refusal shows it: on one line, control characters escaped, not too long. */
function shownValue(text: string): string {
  const s = text.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function integer(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${flag} must be an integer ≥ ${min}, got '${shownValue(text)}'`);
  }
  if (n > max) throw new UsageError(`${flag} must be at most ${max}, got '${shownValue(text)}'`);
  return n;
}

/** An option naming a file must name one: `--baseline ''` is refused, not taken as the folder. */
export function nonBlank(flag: string, text: string | undefined): string | undefined {
  if (text !== undefined && text.trim() === '') throw new UsageError(`${flag} needs a file name`);
  return text;
}

/**
 * `--timeout SEC`, a positive number of seconds (default 60), in milliseconds: at least 0.1 s (a
 * shorter one would stop a correct program before it could answer) and at most what a Node timer
 * can wait (about 24 days; a longer one would fire at once).
 */
export function timeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_S * 1000;
  const s = Number(text);
  if (text.trim() === '' || !Number.isFinite(s) || s <= 0) {
    throw new UsageError(`--timeout must be a positive number of seconds, got '${shownValue(text)}'`);
  }
  const ms = Math.round(s * 1000);
  if (ms < MIN_TIMEOUT_MS) {
    throw new UsageError(
      `--timeout must be at least ${MIN_TIMEOUT_MS / 1000} seconds (the watchdog cannot tell a shorter wait from a stuck program), got '${shownValue(text)}'`,
    );
  }
  if (ms > MAX_TIMER_MS) {
    throw new UsageError(
      `--timeout must be at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds (about 24 days, the longest a timer can wait), got '${shownValue(text)}'`,
    );
  }
  return ms;
}

/** `--budget 500` (schedules per program, as --runs) or `--budget 30s` / `2m` (time per program). */
export function budget(text: string): { runs?: number; ms: number } {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { runs: integer('--budget', t, 1), ms: 0 };
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(t);
  const n = m ? Number(m[1]) : NaN;
  const ms = m ? Math.round(n * { ms: 1, s: 1000, m: 60_000 }[m[2] as 'ms' | 's' | 'm']) : 0;
  if (!m || ms <= 0) {
    throw new UsageError(
      `--budget must be a number of schedules (500) or a time per program (30s, 2m), got '${shownValue(text)}'`,
    );
  }
  if (ms > MAX_TIMER_MS) {
    throw new UsageError(
      `--budget must be at most ${Math.floor(MAX_TIMER_MS / 1000)}s (about 24 days), got '${shownValue(text)}'`,
    );
  }
  return { ms };
}

/** `i/n`, 1 ≤ i ≤ n, as a GitHub Actions matrix counts. */
export function shard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got '${shownValue(text)}'`);
  }
  return { index, count };
}

export function nonEmpty(flag: string, list: readonly string[] | undefined): string[] {
  for (const s of list ?? []) if (s.trim() === '') throw new UsageError(`${flag} needs a task name or glob`);
  return [...(list ?? [])];
}
