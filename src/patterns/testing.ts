/**
 * Test helpers for the patterns' tests (not exported from the package): the two kinds of `done`, a
 * consumer that cancels after k values, and an exploration that must find nothing.
 */
import { expect } from 'vitest';
import { chan, context, explore, settle, type Chan, type ExploreResult, type Finding } from '../core.js';
import type { Done } from './done.js';

export const DONE_KINDS = ['ctx', 'chan'] as const;
export type DoneKind = (typeof DONE_KINDS)[number];

/** A `done` of the given kind and the function that fires it. */
export function makeDone(kind: DoneKind): [Done, () => void] {
  if (kind === 'ctx') return context.withCancel(context.background());
  const ch = chan<void>();
  return [ch, () => ch.close()];
}

/**
 * The consumer that gives up: receive up to `k` values of `out`, then (if `stopFirst`) stop
 * receiving and let every other task block or finish, then cancel, and return the values.
 */
export async function takeThenCancel<T>(
  out: Chan<T>,
  k: number,
  cancel: () => void,
  stopFirst: boolean,
): Promise<T[]> {
  const values: T[] = [];
  while (values.length < k) {
    const [v, ok] = await out.recvOk();
    if (!ok) break;
    values.push(v as T);
  }
  if (stopFirst) await settle();
  cancel();
  return values;
}

/** One line per finding: kind, message, and each remaining task with its state. */
function describeFinding(f: Finding): string {
  const tasks = f.tasks.map((t) => `${t.name} ${t.state}${t.waitReason ? ` [${t.waitReason}]` : ''}`);
  return `${f.kind}: ${f.message}${tasks.length ? ` (${tasks.join(', ')})` : ''}`;
}

/** Explore `main` (200 runs by default) and expect no finding at all. */
export async function expectClean(
  main: () => Promise<unknown>,
  seed: number,
  runs = 200,
): Promise<ExploreResult> {
  const r = await explore(main, { runs, seed });
  expect(r.findings.map(describeFinding)).toEqual([]);
  expect(r.runs).toBe(runs);
  return r;
}

/** Explore `main` and return the distinct findings (all of them). */
export async function findingsOf(main: () => Promise<unknown>, seed: number, runs = 200): Promise<string[]> {
  const r = await explore(main, { runs, seed, findAll: true });
  return [...new Set(r.findings.map(describeFinding))];
}

/** Where a consumer cancels: each kind of done, right after k values or after it stopped receiving. */
export interface CancelPoint {
  readonly kind: DoneKind;
  readonly k: number;
  readonly stopFirst: boolean;
  readonly label: string;
}

export function cancelPoints(ks: readonly number[]): CancelPoint[] {
  return DONE_KINDS.flatMap((kind) =>
    [false, true].flatMap((stopFirst) =>
      ks.map((k) => ({
        kind,
        k,
        stopFirst,
        label: `(${kind}) after ${k} values${stopFirst ? ', having stopped receiving' : ''}`,
      })),
    ),
  );
}

/** Sorted copy, for multiset comparisons. */
export function sorted<T>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
