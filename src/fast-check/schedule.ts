import { cloneMethod, toStringMethod } from 'fast-check';
import { explore, InterleaveError, type ExploredFinding, type ExploreOptions } from '../core.js';
import { realm } from '../runtime/realm.js';
import { ScheduleFailure } from './failure.js';
import { WatchedScript } from './watched-script.js';

/**
 * What `Schedule.run` accepts of explore()'s options: the run's bounds, mode, race detection,
 * compat, console, the program locator. The strategy, the number of runs, shrinking and findAll
 * are the schedule's: one run, following its choices, with fast-check doing the shrinking.
 */
export type ScheduleRunOptions = Omit<
  ExploreOptions,
  'strategy' | 'runs' | 'shrink' | 'findAll' | 'part' | 'beforeRun'
>;

/**
 * One schedule, as fast-check generates it: a list of choices, each read modulo the number of
 * options at its choice point (a choice among runnable tasks, select cases or timers due at once).
 * Past the end of the list the running task goes on if it can, else the lowest option is taken, so
 * a shorter list with smaller numbers is a schedule with fewer preemptions, and [] is the plain
 * schedule (see ScriptedStrategy).
 *
 * A schedule is stateful: it runs one program once, and then its text (what fast-check prints as
 * the counterexample) carries that run's finding and replay string. fast-check clones it (through
 * `cloneMethod`) whenever it hands the same generated value to another execution of the property.
 */
export class Schedule {
  private used = false;
  private found: ExploredFinding | null = null;
  private counts: readonly number[] | null = null;

  constructor(readonly choices: readonly number[]) {}

  /** The replay string of this schedule's run, once a run of it had a finding. */
  get replay(): string | null {
    return this.found?.replay ?? null;
  }

  /**
   * Runs `main` once under this schedule: explore() with one run whose choices are this schedule's.
   * Resolves to main's value if the run has no finding; rejects with a `ScheduleFailure` (its
   * report and replay string in the message) if it has one: a deadlock, a leaked task, a panic, a
   * race, an error thrown by main (a failed assertion, say). Each execution of main must build its
   * own state: a failing run is replayed (executed again) to record its events.
   */
  async run<T>(main: () => T | Promise<T>, options: ScheduleRunOptions = {}): Promise<Awaited<T>> {
    if (typeof main !== 'function') {
      throw new InterleaveError(
        `schedule.run(main) needs the program as a function, got ${describe(main)}: pass s.run(async () => { ... })`,
      );
    }
    if (this.used) {
      throw new InterleaveError(
        `schedule.run was called twice on ${this.toString()}: a schedule runs one program once per execution of the property; put the whole program in one s.run(async () => { ... })`,
      );
    }
    // Called while a run is in flight, this is nested in that run's program (the run reports it:
    // explore() called from inside a run) or another test's exploration (it waits its turn). In
    // both it is left unmarked: a failing run's program is executed again when it is replayed, and
    // its nested call must fail the same way every time, not as a second call.
    if (!(realm.rt && !realm.rt.ended)) this.used = true;
    // The execution that counts is the last one: compat 'auto' may run the schedule again.
    let value: { v: Awaited<T> } | null = null;
    const strategy = new WatchedScript(this.choices);
    const result = await explore(
      async () => {
        value = null;
        value = { v: await main() };
      },
      {
        ...options,
        strategy,
        runs: 1,
        shrink: false,
        findAll: false,
        part: null,
        beforeRun: null,
      },
    );
    this.counts = strategy.optionCounts;
    const finding = result.findings[0];
    if (finding) {
      const failure = new ScheduleFailure(this.toString(), finding);
      this.found = finding;
      throw failure;
    }
    if (value === null) {
      // explore() ends a run only when main has returned or with a finding; this is a bug of ours.
      throw new Error(`interleave: main did not return under ${this.toString()}, yet the run has no finding`);
    }
    return (value as { v: Awaited<T> }).v;
  }

  /**
   * After a run: the same schedule with each choice replaced by the index it picked (its value
   * modulo that point's options) and the choices the run never read dropped, or null if that is
   * this schedule already (or it has not run). It runs exactly as this one does, so fast-check
   * tries it first when shrinking: the modulo hides smaller equivalents from its integer shrinker.
   */
  canonical(): number[] | null {
    const counts = this.counts;
    if (counts === null) return null;
    const used = this.choices.slice(0, counts.length);
    const picked = used.map((c, i) => c % counts[i]!);
    const same = picked.length === this.choices.length && picked.every((c, i) => c === this.choices[i]);
    return same ? null : picked;
  }

  /** `schedule([0,2,1])`, and after a run with a finding, its kind and replay string. */
  toString(): string {
    const text = `schedule([${this.choices.join(',')}])`;
    return this.found ? `${text} (${this.found.kind}, replay: ${this.found.replay})` : text;
  }

  /** What fast-check prints for this value in a counterexample. */
  [toStringMethod](): string {
    return this.toString();
  }

  /** A fresh schedule with the same choices, for fast-check to hand to another execution. */
  [cloneMethod](): Schedule {
    return new Schedule(this.choices);
  }
}

/** `number 42`, `string "x"`, `undefined`, `an object`: enough to see what was passed. */
function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'object') return Array.isArray(v) ? 'an array' : 'an object';
  if (typeof v === 'string') return `string ${JSON.stringify(v).slice(0, 40)}`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `${typeof v} ${v}`;
  return typeof v;
}
