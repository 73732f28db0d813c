/**
 * Shared helpers of the Go channel conformance ports (see README.md in this folder).
 * A scenario runs as a program under `explore()`; its in-program checks throw, so a failed check is
 * a `panic` finding that carries a replay string.
 */
import { expect } from 'vitest';
import { GoPanic, settle, type ExploreResult, type ExploredFinding } from '../../src/index.js';

/** Go's `if !cond { panic(msg) }` inside a program. */
export function check(cond: boolean, msg: string): asserts cond {
  if (!cond) throw new Error(msg);
}

/** One readable line per finding: kind, message, summary, run and the replay string. */
export function describeFinding(f: ExploredFinding): string {
  return `${f.kind}: ${f.message} | ${f.summary} | run ${f.run} | replay: ${f.replay}`;
}

/** The exploration finished every run cleanly (Go's test: exit 0, nothing printed). */
export function expectNoFindings(result: ExploreResult, seed: number, runs?: number): void {
  expect(result.findings.map(describeFinding), `seed ${seed}`).toEqual([]);
  expect(result.findings).toEqual([]);
  if (runs !== undefined) expect(result.runs, `seed ${seed}`).toBe(runs);
}

/**
 * Go lets goroutines stay parked when main returns; interleave reports them as a leak (by design,
 * in both modes). Run with `findAll: true` and call this: the only finding (deduplicated across all
 * runs) must be exactly that leak, with the expected number of tasks parked in the expected wait
 * reasons (Go's words), and no run may have produced anything else.
 */
export function expectOnlyParkedLeak(
  result: ExploreResult,
  seed: number,
  parked: number,
  waitReasons?: readonly string[],
): void {
  const lines = result.findings.map(describeFinding);
  expect(
    result.findings.map((f) => f.message),
    `seed ${seed}: ${lines.join('\n')}`,
  ).toEqual([`leak: ${parked} task${parked === 1 ? '' : 's'} blocked forever after main returned`]);
  const f = result.findings[0]!;
  expect(f.kind).toBe('leak');
  expect(f.tasks.every((t) => t.state === 'blocked')).toBe(true);
  if (waitReasons) expect(f.tasks.map((t) => t.waitReason).sort()).toEqual([...waitReasons].sort());
}

/** Runs `fn`, and returns the Go panic text it threw (null if it returned normally). */
export async function panicText(fn: () => unknown): Promise<string | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    if (e instanceof GoPanic) return e.goMessage;
    throw e;
  }
}

/**
 * The deterministic replacement for Go tests' `time.Sleep(1ms)` "surely it has blocked by now":
 * run every other task until it is blocked or finished.
 */
export function quiesce(): Promise<void> {
  return settle();
}
