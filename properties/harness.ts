/**
 * Property suites run under the explorer: fast-check generates both the inputs and the schedule, so
 * a failure shrinks both. A schedule is an array of small integers fed to `ScriptedStrategy` (each
 * read modulo the options at its choice point; past the end the current task goes on), so shrinking
 * toward shorter arrays and zeros removes preemptions and every array is a valid schedule.
 *
 * A property holds when its run has no findings and its invariant holds. A violated invariant is
 * thrown as an `Error` whose message carries the interleave finding and its replay string; fast-check
 * adds the seed and the path of the shrunk counterexample (`fc.configureGlobal({ seed, path })`).
 */
import { fc } from '@fast-check/vitest';
import {
  chan,
  context,
  explore,
  go,
  ScriptedStrategy,
  WaitGroup,
  yield_,
  type Chan,
  type ExploredFinding,
  type ExploreOptions,
} from 'interleave';

/**
 * A schedule: integers read modulo the options of each choice point. `size: 'max'` generates lengths
 * across the whole range: fast-check's default size keeps arrays near 10 integers, after which the
 * current task just continues, and tasks rarely overlap (a 3-worker pool reached 3 active handlers
 * in 0 of 200 runs, against a third of them with 'max'). Shrinking is unchanged.
 */
export const scheduleArb: fc.Arbitrary<number[]> = fc.array(fc.nat({ max: 7 }), {
  maxLength: 200,
  size: 'max',
});

/** Small inputs keep each run to a few hundred steps. */
export const valuesArb = (maxLength = 6): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: -50, max: 50 }), { maxLength });

/** Runs per property: modest, the whole folder must finish in seconds on two cores. */
export const NUM_RUNS = 120;

export interface ScriptedRun<T> {
  readonly findings: readonly ExploredFinding[];
  /** What main returned in its first execution (undefined if it never returned). */
  readonly value: T | undefined;
  /** Whether main returned. */
  readonly returned: boolean;
}

/**
 * Run `main` once under the schedule `script`. Interleave's own shrinking is off: fast-check
 * shrinks the schedule, and the finding's replay string replays exactly the schedule it was given.
 * Each execution of main must build its own state (the replay of a finding executes it again).
 */
export async function runScripted<T>(
  main: () => Promise<T>,
  script: readonly number[],
  options: Omit<ExploreOptions, 'strategy' | 'runs'> = {},
): Promise<ScriptedRun<T>> {
  let first = true;
  let value: T | undefined;
  let returned = false;
  const result = await explore(
    async () => {
      const mine = first;
      first = false;
      const v = await main();
      if (mine) {
        value = v;
        returned = true;
      }
    },
    {
      shrink: false,
      maxSteps: 5_000,
      graceSteps: 500,
      ...options,
      strategy: new ScriptedStrategy(script),
      runs: 1,
    },
  );
  return { findings: result.findings, value, returned };
}

/** One finding as text: its verdict, summary, the tasks involved and the line that replays it. */
export function describeFinding(f: ExploredFinding): string {
  const tasks = f.tasks.map(
    (t) => `  ${t.name} (task ${t.id}) ${t.state} [${t.waitReason}]${t.site ? ` ${t.site}` : ''}`,
  );
  return [
    `interleave ${f.kind}: ${f.message}`,
    `  ${f.summary}`,
    ...tasks,
    ...(f.stack ? [f.stack.split('\n').slice(0, 6).join('\n')] : []),
    // The program is a closure over fast-check's inputs, so the string carries no program locator:
    // replay it in a test with `replay(main, decodeReplay(s))`, on the inputs fast-check's seed and
    // path (printed with this message) rebuild.
    `  replay string: ${f.replay}`,
    `  (this run's schedule: replay(main, decodeReplay(...)) on the same inputs; fast-check's seed and path rebuild them)`,
  ].join('\n');
}

/** Throws (for fast-check to report and shrink) unless the run is free of findings and returned. */
export function expectClean<T>(run: ScriptedRun<T>): T {
  if (run.findings.length > 0) throw new Error(run.findings.map(describeFinding).join('\n'));
  if (!run.returned) throw new Error('main did not return, yet interleave reported nothing');
  return run.value as T;
}

/** Throws with `what` (and the values involved) if `ok` is false. */
export function check(ok: boolean, what: string, details?: unknown): asserts ok {
  if (!ok) {
    throw new Error(
      `invariant violated: ${details === undefined ? what : `${what}: ${JSON.stringify(details)}`}`,
    );
  }
}

/**
 * The property: `main` under the schedule has no findings and `invariant` holds of what it returned.
 * The invariant is checked inside the run, as main's last act, so a violation is a finding too and
 * the failure message carries its replay string. Returns main's value.
 */
export async function holds<T>(
  main: () => Promise<T>,
  script: readonly number[],
  invariant: (value: T) => void = () => {},
  options: Omit<ExploreOptions, 'strategy' | 'runs'> = {},
): Promise<T> {
  return expectClean(
    await runScripted(
      async () => {
        const value = await main();
        invariant(value);
        return value;
      },
      script,
      options,
    ),
  );
}

/** `a` and `b` hold the same values, each as many times (order ignored). */
export function sameMultiset(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort((x, y) => x - y);
  const sb = [...b].sort((x, y) => x - y);
  return sa.every((v, i) => v === sb[i]);
}

export function sameSequence(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/** How a property cancels: a done channel in the seed's style, or a context. */
export type DoneKind = 'chan' | 'context';
export const doneKindArb: fc.Arbitrary<DoneKind> = fc.constantFrom<DoneKind>('chan', 'context');

export interface Canceller {
  /** What the pattern is given. */
  readonly done: Chan<void> | context.Context;
  /** The channel that fires (to select on in the property's own code). */
  readonly ch: Chan<void>;
  /** Cancel (idempotent). */
  cancel(): void;
  /** Whether cancel() was called. */
  readonly fired: boolean;
}

/** A done channel or a context, from fast-check. Must be called inside a run. */
export function makeDone(kind: DoneKind): Canceller {
  if (kind === 'chan') {
    const ch = chan<void>();
    const c = {
      done: ch,
      ch,
      fired: false,
      cancel(): void {
        if (c.fired) return;
        c.fired = true;
        ch.close();
      },
    };
    return c;
  }
  const [ctx, cancelCtx] = context.withCancel(context.background());
  const c = {
    done: ctx,
    ch: ctx.done()!,
    fired: false,
    cancel(): void {
      c.fired = true;
      cancelCtx();
    },
  };
  return c;
}

/**
 * The step at which cancellation hits: `null` for never, else the number of switch points (yields)
 * a canceller task passes before it cancels. The schedule interleaves them with everything else, so
 * together they put the cancel anywhere.
 */
export const cancelAtArb: fc.Arbitrary<number | null> = fc.option(fc.nat({ max: 30 }), { freq: 3 });

/** Start the canceller task (nothing if `at` is null). */
export function cancelAfter(c: Canceller, at: number | null): void {
  if (at === null) return;
  go(async () => {
    for (let i = 0; i < at; i++) await yield_();
    c.cancel();
  }, 'canceller');
}

/** Tasks to wait for: `add(fn, name)` starts one, `wait()` returns when all have finished (a WaitGroup). */
export function gather(): { add(fn: () => Promise<void>, name: string): void; wait(): Promise<void> } {
  const wg = new WaitGroup();
  return {
    add(fn, name) {
      wg.add(1);
      go(async () => {
        try {
          await fn();
        } finally {
          wg.done();
        }
      }, name);
    },
    wait: () => wg.wait(),
  };
}

/** Every value of `a` is in `b`, at least as many times. */
export function subMultiset(a: readonly number[], b: readonly number[]): boolean {
  const counts = new Map<number, number>();
  for (const v of b) counts.set(v, (counts.get(v) ?? 0) + 1);
  for (const v of a) {
    const n = counts.get(v) ?? 0;
    if (n === 0) return false;
    counts.set(v, n - 1);
  }
  return true;
}
