import { parseArgs } from 'node:util';
import { STRATEGY_NAMES, type StrategyName } from '../scheduler/options.js';
import type { Mode } from '../scheduler/runtime.js';
import { UsageError } from './usage.js';

/** Exploration options given on the command line; only those given override a program's own. */
export interface Overrides {
  runs?: number;
  seed?: number;
  strategy?: StrategyName;
  mode?: Mode;
}

/** Which tasks a leak may leave behind (goleak's IgnoreTopFunction and friends). */
export interface LeakFilters {
  /** Globs over a task's name or stable id (`merge.closer`, `main/worker*`). */
  readonly tasks: readonly string[];
  /** Globs over a task's function name or the file of its spawn site. */
  readonly topFunctions: readonly string[];
}

export type Reporter = 'text' | 'junit';

export interface CheckCommand {
  readonly name: 'check';
  readonly paths: readonly string[];
  readonly overrides: Overrides;
  readonly json: boolean;
  readonly timeoutMs: number;
  readonly reporter: Reporter;
  /** Where the JUnit XML goes (repo-relative), with `--reporter junit`. */
  readonly junitFile: string;
  /** The baseline file to honour (null: none), and whether to rewrite it from this run. */
  readonly baseline: string | null;
  readonly updateBaseline: boolean;
  readonly ignore: LeakFilters;
  /** `--budget 30s`: explore each program for this long (the run count it reached is printed). */
  readonly budgetMs: number | null;
  /**
   * `--shard 2/4`: this machine explores runs r with r mod 4 = 1 of every program (1-based i); a
   * dfs program, a quarter of its subtrees; a dpor program, whole, on one shard.
   */
  readonly shard: { readonly index: number; readonly count: number } | null;
  /** `--checkpoint FILE`: resume dfs/dpor searches from FILE and save where they stopped (null: none). */
  readonly checkpoint: string | null;
  /** `--workers N`: threads at once (default: the cores, at most 4); also the parts a long exploration is split into. */
  readonly workers: number | null;
}

export type Command =
  | { readonly name: 'help' }
  | CheckCommand
  | {
      readonly name: 'replay';
      readonly input: string;
      readonly cont: boolean;
      readonly timeoutMs: number;
      readonly breakAt: number | null;
    }
  | { readonly name: 'explain'; readonly input: string; readonly timeoutMs: number };

const DEFAULT_TIMEOUT_S = 60;
export const DEFAULT_JUNIT_FILE = 'reports/junit.xml';
export const DEFAULT_BASELINE_FILE = 'interleave.baseline.json';

export function parseCommand(argv: readonly string[]): Command {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') return { name: 'help' };
  if (cmd === 'check') return parseCheck(rest);
  if (cmd === 'replay') return parseReplay(rest);
  if (cmd === 'explain') return parseExplain(rest);
  throw new UsageError(`unknown command '${cmd}'`);
}

interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: string[];
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

function parse(args: string[], options: OptionSpec): Parsed {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    // parseArgs says e.g. "Unknown option '--foo'. To specify a positional argument starting..."
    const msg = e instanceof Error ? e.message.split('. ')[0]!.replace(/\.$/, '') : String(e);
    throw new UsageError(msg.charAt(0).toLowerCase() + msg.slice(1));
  }
}

function parseCheck(args: string[]): Command {
  const { values: v, positionals } = parse(args, {
    runs: { type: 'string' },
    seed: { type: 'string' },
    strategy: { type: 'string' },
    mode: { type: 'string' },
    timeout: { type: 'string' },
    json: { type: 'boolean' },
    reporter: { type: 'string' },
    'junit-file': { type: 'string' },
    baseline: { type: 'string' },
    'update-baseline': { type: 'boolean' },
    'ignore-task': { type: 'string', multiple: true },
    'ignore-top-function': { type: 'string', multiple: true },
    budget: { type: 'string' },
    shard: { type: 'string' },
    workers: { type: 'string' },
    checkpoint: { type: 'string' },
  });
  const values = v as {
    runs?: string;
    seed?: string;
    strategy?: string;
    mode?: string;
    timeout?: string;
    json?: boolean;
    reporter?: string;
    'junit-file'?: string;
    baseline?: string;
    'update-baseline'?: boolean;
    'ignore-task'?: string[];
    'ignore-top-function'?: string[];
    budget?: string;
    shard?: string;
    workers?: string;
    checkpoint?: string;
  };
  if (positionals.length === 0) throw new UsageError('check needs at least one file or folder');
  const overrides: Overrides = {};
  if (values.runs !== undefined) overrides.runs = integer('--runs', values.runs, 1);
  if (values.seed !== undefined) overrides.seed = integer('--seed', values.seed, 0);
  if (values.strategy !== undefined) {
    if (!(STRATEGY_NAMES as readonly string[]).includes(values.strategy)) {
      throw new UsageError(
        `unknown strategy '${values.strategy}' for --strategy; available: ${STRATEGY_NAMES.join(', ')}`,
      );
    }
    overrides.strategy = values.strategy as StrategyName;
  }
  if (values.mode !== undefined) {
    if (values.mode !== 'test' && values.mode !== 'program') {
      throw new UsageError(`--mode must be 'test' or 'program', got '${values.mode}'`);
    }
    overrides.mode = values.mode;
  }
  let budgetMs: number | null = null;
  if (values.budget !== undefined) {
    const b = budget(values.budget);
    if (values.runs !== undefined) {
      throw new UsageError('--budget and --runs both set how much to explore: give one of them');
    }
    if (b.runs !== undefined) overrides.runs = b.runs;
    else budgetMs = b.ms;
  }
  const reporter = values.reporter ?? 'text';
  if (reporter !== 'text' && reporter !== 'junit') {
    throw new UsageError(`--reporter must be 'text' or 'junit', got '${reporter}'`);
  }
  if (values['junit-file'] !== undefined && reporter !== 'junit') {
    throw new UsageError('--junit-file needs --reporter junit');
  }
  const baseline = values.baseline ?? (values['update-baseline'] === true ? DEFAULT_BASELINE_FILE : null);
  if (baseline !== null && /^(?:\.\/)?reports(?:\/|$)/.test(baseline.replace(/\\/g, '/'))) {
    throw new UsageError(
      `--baseline ${baseline}: the baseline is reviewed and committed, so it cannot live under reports/ (generated, not committed); use ${DEFAULT_BASELINE_FILE}`,
    );
  }
  if (values.checkpoint !== undefined && values.shard !== undefined) {
    throw new UsageError(
      '--checkpoint with --shard: a checkpoint continues one search job after job; shards split it at once. Give one of them',
    );
  }
  if (values['update-baseline'] === true && values.shard !== undefined) {
    throw new UsageError(
      '--update-baseline with --shard: a shard sees only its share of the schedules, so it cannot say which entries are gone; update the baseline from an unsharded run',
    );
  }
  return {
    name: 'check',
    paths: positionals,
    overrides,
    json: values.json === true,
    timeoutMs: timeout(values.timeout),
    reporter,
    junitFile: values['junit-file'] ?? DEFAULT_JUNIT_FILE,
    baseline,
    updateBaseline: values['update-baseline'] === true,
    ignore: {
      tasks: nonEmpty('--ignore-task', values['ignore-task']),
      topFunctions: nonEmpty('--ignore-top-function', values['ignore-top-function']),
    },
    budgetMs,
    shard: values.shard === undefined ? null : shard(values.shard),
    workers: values.workers === undefined ? null : integer('--workers', values.workers, 1),
    checkpoint: values.checkpoint ?? null,
  };
}

function parseReplay(args: string[]): Command {
  const parsed = parse(args, {
    continue: { type: 'boolean' },
    timeout: { type: 'string' },
    'break-at': { type: 'string' },
  });
  const values = parsed.values as { continue?: boolean; timeout?: string; 'break-at'?: string };
  const input = one('replay', parsed.positionals);
  const at = values['break-at'];
  return {
    name: 'replay',
    input,
    cont: values.continue === true,
    timeoutMs: timeout(values.timeout),
    breakAt: at === undefined ? null : integer('--break-at', at, 1),
  };
}

function parseExplain(args: string[]): Command {
  const parsed = parse(args, { timeout: { type: 'string' } });
  const values = parsed.values as { timeout?: string };
  return { name: 'explain', input: one('explain', parsed.positionals), timeoutMs: timeout(values.timeout) };
}

function one(cmd: string, positionals: readonly string[]): string {
  if (positionals.length !== 1) {
    throw new UsageError(`${cmd} takes one trace file or replay string, got ${positionals.length}`);
  }
  return positionals[0]!;
}

function integer(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${flag} must be an integer ≥ ${min}, got '${text}'`);
  }
  return n;
}

function timeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_S * 1000;
  const s = Number(text);
  if (text.trim() === '' || !Number.isFinite(s) || s <= 0) {
    throw new UsageError(`--timeout must be a positive number of seconds, got '${text}'`);
  }
  return Math.round(s * 1000);
}

/** `--budget 500` (schedules per program, as --runs) or `--budget 30s` / `2m` (time per program). */
function budget(text: string): { runs?: number; ms: number } {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { runs: integer('--budget', t, 1), ms: 0 };
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(t);
  const n = m ? Number(m[1]) : NaN;
  const ms = m ? Math.round(n * { ms: 1, s: 1000, m: 60_000 }[m[2] as 'ms' | 's' | 'm']) : 0;
  if (!m || ms <= 0) {
    throw new UsageError(
      `--budget must be a number of schedules (500) or a time per program (30s, 2m), got '${text}'`,
    );
  }
  return { ms };
}

/** `i/n`, 1 ≤ i ≤ n, as a GitHub Actions matrix counts. */
function shard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got '${text}'`);
  }
  return { index, count };
}

function nonEmpty(flag: string, list: readonly string[] | undefined): string[] {
  for (const s of list ?? []) if (s.trim() === '') throw new UsageError(`${flag} needs a task name or glob`);
  return [...(list ?? [])];
}
