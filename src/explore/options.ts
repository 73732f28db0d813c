import type { Part } from '../strategies/part.js';
import { InterleaveError } from '../base/errors.js';
import { DfsStrategy } from '../strategies/dfs.js';
import { DporStrategy } from '../strategies/dpor/dpor.js';
import { PctStrategy } from '../strategies/pct.js';
import { PortfolioStrategy } from '../strategies/portfolio.js';
import { RandomStrategy } from '../strategies/random.js';
import { Minute } from '../base/duration.js';
import { DEFAULT_AWAIT_POINTS, DEFAULT_LIVELOCK_STEPS } from '../runtime/run-options.js';
import type { Mode, TimeJumps } from '../runtime/runtime.js';
import type { Strategy } from '../strategies/strategy.js';
import type { ProgramLocator } from './trace.js';

export type CompatMode = 'auto' | 'on' | 'off';

/** What becomes of a program's console output during an exploration (see ExploreOptions.console). */
export type ConsoleMode = 'print' | 'quiet';

export const STRATEGY_NAMES = ['random', 'pct', 'dfs', 'dpor', 'portfolio'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export interface ExploreOptions {
  /** Schedules to try (default 100). */
  runs?: number;
  /** Seed of the strategy and of each run's `Math.random` (default 1). Same seed, same traces. */
  seed?: number;
  /**
   * `random` (default), `pct`, `dfs`, `dpor`, `portfolio` (the CLI's default), or a Strategy object:
   * its five members are all it needs; a boolean `complete` (an exhaustive search) is reported in
   * the result, and a numeric `calibration` lets `part` split its runs (see capabilities.ts).
   */
  strategy?: StrategyName | Strategy;
  /** PCT's bug depth d (default 3): d − 1 priority change points per run. */
  pctDepth?: number;
  /** dfs, dpor: explore only schedules with at most this many preemptions (default: no bound). */
  preemptionBound?: number;
  /**
   * The outer bound on a run's steps (default 200,000: programs of 10,000 tasks fit). A run that
   * reaches it while still making progress is a `steps` finding; a run that stops making progress
   * (only spins, for `livelockSteps` steps) is a livelock before that. CLI: `check --max-steps N`.
   */
  maxSteps?: number;
  /**
   * Steps without progress (no operation completed but spins, no task started, woke or finished,
   * the clock still) after which a run is a livelock (default 5,000; more with many tasks). Raise it
   * for a program whose tasks legitimately spin longer (a long loop of yield_() that counts in
   * plain variables the explorer does not see). CLI: `check --livelock-steps N`.
   */
  livelockSteps?: number;
  /** Steps after which prioritizing strategies continue fairly (default 1,000; random is always fair). */
  maxUnfairSteps?: number;
  /** Steps a test-mode run goes on after main returns before remaining tasks count as leaked (default 1,000). */
  graceSteps?: number;
  /** Virtual time (ns) a test-mode run goes on after main returns (default 1 minute). */
  graceTime?: number;
  /** `due` (default): time jumps only when nothing is runnable; `any`: the strategy may fire a future timer early. */
  timeJumps?: TimeJumps;
  /**
   * Following tasks through plain promises (a timer callback resolving what a task awaits):
   * `auto` (default) switches it on for the rest of an exploration when a run ends in an outside
   * await; `on` from the start; `off` never (such waits are outside-await findings).
   */
  compat?: CompatMode;
  /**
   * In programs whose source is rewritten (ES modules the CLI loads, and modules under the Vitest
   * plugin), the first this many plain `await`s of each task in a run are switch points, so another
   * task's code may run in the gap Node leaves there (default 8; 0: none). CommonJS programs the CLI
   * loads, and code loaded by other means, are not rewritten.
   */
  awaitPoints?: number;
  /** `test` (default: every task must finish, as goleak/synctest) or `program` (Go program exit). */
  mode?: Mode;
  /** Keep exploring after the first finding, collecting distinct findings (default false). */
  findAll?: boolean;
  /** Detect data races on shared() cells (default true). */
  race?: boolean;
  /** Minimize a failing schedule (fewer preemptions, then steps) before reporting it (default true). */
  shrink?: boolean;
  /** Where the program lives, so its replay string can be run by `interleave replay`. */
  program?: ProgramLocator | null;
  /**
   * Run only this share of the schedules: run r when r % count === index (0-based), for strategies
   * whose runs are addressable by index (random, pct, portfolio); a dfs search splits its tree
   * instead (the first run's alternatives are subtrees, subtree j goes to part j % count). The
   * parts of one exploration, merged by `mergeParts`, give exactly what the whole gives (worker
   * threads, CI shards).
   */
  part?: Part | null;
  /**
   * Asked before each run (its index); false stops the exploration there. The CLI's time budget
   * and progress bar; not part of the trace.
   */
  beforeRun?: ((run: number) => boolean) | null;
  /**
   * `print` (default): what the program prints with console.* in every run (and every replay of a
   * failing schedule) is printed as it happens. `quiet`: nothing is printed while the exploration
   * holds the realm, and a finding's trace still has each line, as a ConsoleLogged event in the
   * row of the step that printed it (the CLI's default; `check --verbose` prints).
   */
  console?: ConsoleMode;
}

export type { Part } from '../strategies/part.js';

export interface ResolvedOptions {
  readonly runs: number;
  readonly seed: number;
  readonly strategy: StrategyName | Strategy;
  readonly pctDepth: number;
  readonly preemptionBound: number | null;
  readonly maxSteps: number;
  readonly livelockSteps: number;
  readonly maxUnfairSteps: number;
  readonly graceSteps: number;
  readonly graceTime: number;
  readonly timeJumps: TimeJumps;
  readonly compat: CompatMode;
  readonly awaitPoints: number;
  readonly mode: Mode;
  readonly findAll: boolean;
  readonly shrink: boolean;
  readonly race: boolean;
  readonly program: ProgramLocator | null;
  readonly part: Part | null;
  readonly beforeRun: ((run: number) => boolean) | null;
  readonly console: ConsoleMode;
}

export const DEFAULTS: ResolvedOptions = {
  runs: 100,
  seed: 1,
  strategy: 'random',
  pctDepth: 3,
  preemptionBound: null,
  maxSteps: 200_000,
  livelockSteps: DEFAULT_LIVELOCK_STEPS,
  maxUnfairSteps: 1_000,
  graceSteps: 1_000,
  graceTime: Minute,
  timeJumps: 'due',
  compat: 'auto',
  awaitPoints: DEFAULT_AWAIT_POINTS,
  mode: 'test',
  findAll: false,
  shrink: true,
  race: true,
  program: null,
  part: null,
  beforeRun: null,
  console: 'print',
};

function integer(name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new InterleaveError(`option ${name} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Fill in defaults and refuse anything malformed with a message naming the option. */
export function resolveOptions(o: ExploreOptions = {}): ResolvedOptions {
  const known = Object.keys(DEFAULTS);
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) {
      throw new InterleaveError(`unknown option '${k}'; the options are: ${known.join(', ')}`);
    }
  }
  const r = { ...DEFAULTS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) };
  integer('runs', r.runs, 1);
  integer('seed', r.seed, 0);
  integer('maxSteps', r.maxSteps, 1);
  integer('livelockSteps', r.livelockSteps, 1);
  integer('maxUnfairSteps', r.maxUnfairSteps, 0);
  integer('pctDepth', r.pctDepth, 1);
  if (r.preemptionBound !== null) integer('preemptionBound', r.preemptionBound, 0);
  integer('graceSteps', r.graceSteps, 0);
  integer('graceTime', r.graceTime, 0);
  integer('awaitPoints', r.awaitPoints, 0);
  if (r.timeJumps !== 'due' && r.timeJumps !== 'any') {
    throw new InterleaveError(`option timeJumps must be 'due' or 'any', got ${JSON.stringify(r.timeJumps)}`);
  }
  if (r.mode !== 'test' && r.mode !== 'program') {
    throw new InterleaveError(`option mode must be 'test' or 'program', got ${JSON.stringify(r.mode)}`);
  }
  if (r.compat !== 'auto' && r.compat !== 'on' && r.compat !== 'off') {
    throw new InterleaveError(`option compat must be 'auto', 'on' or 'off', got ${JSON.stringify(r.compat)}`);
  }
  if (r.console !== 'print' && r.console !== 'quiet') {
    throw new InterleaveError(`option console must be 'print' or 'quiet', got ${JSON.stringify(r.console)}`);
  }
  if (r.part !== null) {
    const p = r.part;
    integer('part.count', p.count, 1);
    integer('part.index', p.index, 0);
    if (p.index >= p.count) {
      throw new InterleaveError(`option part: index ${p.index} is not below count ${p.count} (0-based)`);
    }
  }
  if (typeof r.strategy === 'string' && !(STRATEGY_NAMES as readonly string[]).includes(r.strategy)) {
    throw new InterleaveError(`unknown strategy '${r.strategy}'; available: ${STRATEGY_NAMES.join(', ')}`);
  }
  return r;
}

export function makeStrategy(o: ResolvedOptions): Strategy {
  if (typeof o.strategy === 'object') return o.strategy;
  if (o.strategy === 'pct') return new PctStrategy(o.seed, o.runs, o.pctDepth, o.maxUnfairSteps);
  if (o.strategy === 'dfs') {
    return new DfsStrategy(o.preemptionBound ?? Number.POSITIVE_INFINITY, null, o.maxUnfairSteps);
  }
  if (o.strategy === 'dpor') {
    return new DporStrategy(o.maxUnfairSteps, o.preemptionBound ?? Number.POSITIVE_INFINITY);
  }
  if (o.strategy === 'portfolio') return new PortfolioStrategy(o.seed, o.runs, o.maxUnfairSteps);
  return new RandomStrategy(o.seed, o.runs);
}
