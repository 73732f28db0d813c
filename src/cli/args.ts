import { parseArgs } from 'node:util';
import { STRATEGY_NAMES, type ConsoleMode, type StrategyName } from '../explore/options.js';
import type { Mode } from '../runtime/runtime.js';
import { asksHelp, COMMANDS, UsageError, type CommandName } from './usage.js';
import { budget, integer, MAX_WORKERS, nonBlank, nonEmpty, shard, timeout } from './arg-values.js';

/** Exploration options given on the command line; only those given override a program's own. */
export interface Overrides {
  runs?: number;
  seed?: number;
  strategy?: StrategyName;
  mode?: Mode;
  /** `--max-steps N`, `--livelock-steps N`, `--grace-steps N`: explore()'s options of those names. */
  maxSteps?: number;
  livelockSteps?: number;
  graceSteps?: number;
  /** `--await-points N`: explore()'s awaitPoints (plain awaits per task that are switch points). */
  awaitPoints?: number;
  /** What the runs print: `quiet` unless `--verbose` (check.ts sets it; the parser never does). */
  console?: ConsoleMode;
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
  /** Where trace files go (root-relative, or absolute): `reports` unless --reports-dir says. */
  readonly reportsDir: string;
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
  /** `--verbose`: print every run's console output as it happens (by default only a finding's, with it). */
  readonly verbose: boolean;
  /** `--allow-empty`: a check that finds no program passes (by default it is a usage error, exit 2). */
  readonly allowEmpty: boolean;
}

export type Command =
  /** `topic`: one command's help (`interleave check --help`); none: the whole help. */
  | { readonly name: 'help'; readonly topic?: CommandName }
  | { readonly name: 'version' }
  | CheckCommand
  | {
      readonly name: 'replay';
      readonly input: string;
      readonly cont: boolean;
      readonly timeoutMs: number;
      readonly breakAt: number | null;
      /** `--allow-outside-root`: run a program the trace names outside the project root. */
      readonly allowOutsideRoot: boolean;
    }
  | {
      readonly name: 'explain';
      readonly input: string;
      readonly timeoutMs: number;
      readonly allowOutsideRoot: boolean;
    };

const DEFAULT_JUNIT_FILE = 'reports/junit.xml';
const DEFAULT_REPORTS_DIR = 'reports';
const DEFAULT_BASELINE_FILE = 'interleave.baseline.json';

export function parseCommand(argv: readonly string[]): Command {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h') return { name: 'help' };
  if (cmd === '--version') return { name: 'version' };
  if (cmd === 'help') return parseHelp(rest);
  if (isCommand(cmd) && asksHelp(rest)) return { name: 'help', topic: cmd };
  if (cmd === 'check') return parseCheck(rest);
  if (cmd === 'replay') return parseReplay(rest);
  if (cmd === 'explain') return parseExplain(rest);
  throw new UsageError(`unknown command '${cmd}'`);
}

function isCommand(s: string): s is CommandName {
  return (COMMANDS as readonly string[]).includes(s);
}

/** `interleave help [command]`. */
function parseHelp(args: string[]): Command {
  if (args.length === 0) return { name: 'help' };
  const [topic, ...more] = args;
  if (asksHelp(args)) return { name: 'help', topic: 'help' };
  if (more.length > 0 || !isCommand(topic!)) {
    throw new UsageError(`help takes one command (${COMMANDS.join(', ')}), got '${args.join(' ')}'`);
  }
  return { name: 'help', topic };
}

interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: string[];
}

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/**
 * Node's parseArgs, its refusals as usage errors. A negative number after an option that takes a
 * value (`--runs -5`) is that option's value, which the caller then validates like any other;
 * parseArgs alone would take it for an option and refuse it as ambiguous.
 */
export function parseOptions(args: readonly string[], options: OptionSpec): Parsed {
  try {
    return parseArgs({ args: numbersAsValues(args, options), options, allowPositionals: true, strict: true });
  } catch (e) {
    // parseArgs says e.g. "Unknown option '--foo'. To specify a positional argument starting...":
    // its first sentence, on one line.
    const text = e instanceof Error ? e.message : String(e);
    const ambiguous = /^Option '(-[^']*)' argument is ambiguous/.exec(text);
    if (ambiguous) {
      const flag = ambiguous[1]!;
      throw new UsageError(
        `option '${flag}' needs a value, got another option after it; for a value that starts with '-', write ${flag}=VALUE`,
      );
    }
    const msg = text.split(/\.(?:\s|$)/)[0]!;
    throw new UsageError(msg.charAt(0).toLowerCase() + msg.slice(1));
  }
}

/** `--runs -5` → `--runs=-5` (and `-o -5` → `--out=-5`), for every option that takes a value. */
function numbersAsValues(args: readonly string[], options: OptionSpec): string[] {
  const takesValue = new Map<string, string>();
  for (const [name, o] of Object.entries(options)) {
    if (o.type !== 'string') continue;
    takesValue.set(`--${name}`, name);
    if (o.short) takesValue.set(`-${o.short}`, name);
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const name = takesValue.get(a);
    const next = args[i + 1];
    if (name !== undefined && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function parseCheck(args: string[]): Command {
  const { values: v, positionals } = parseOptions(args, {
    runs: { type: 'string' },
    seed: { type: 'string' },
    strategy: { type: 'string' },
    mode: { type: 'string' },
    'max-steps': { type: 'string' },
    'livelock-steps': { type: 'string' },
    'grace-steps': { type: 'string' },
    'await-points': { type: 'string' },
    timeout: { type: 'string' },
    json: { type: 'boolean' },
    reporter: { type: 'string' },
    'junit-file': { type: 'string' },
    'reports-dir': { type: 'string' },
    baseline: { type: 'string' },
    'update-baseline': { type: 'boolean' },
    'ignore-task': { type: 'string', multiple: true },
    'ignore-top-function': { type: 'string', multiple: true },
    budget: { type: 'string' },
    shard: { type: 'string' },
    workers: { type: 'string' },
    checkpoint: { type: 'string' },
    verbose: { type: 'boolean' },
    'allow-empty': { type: 'boolean' },
  });
  const values = v as {
    runs?: string;
    seed?: string;
    strategy?: string;
    mode?: string;
    'max-steps'?: string;
    'livelock-steps'?: string;
    'grace-steps'?: string;
    'await-points'?: string;
    timeout?: string;
    json?: boolean;
    reporter?: string;
    'junit-file'?: string;
    'reports-dir'?: string;
    baseline?: string;
    'update-baseline'?: boolean;
    'ignore-task'?: string[];
    'ignore-top-function'?: string[];
    budget?: string;
    shard?: string;
    workers?: string;
    checkpoint?: string;
    verbose?: boolean;
    'allow-empty'?: boolean;
  };
  if (positionals.length === 0) throw new UsageError('check needs at least one file or folder');
  const overrides: Overrides = {};
  if (values.runs !== undefined) overrides.runs = integer('--runs', values.runs, 1);
  if (values.seed !== undefined) overrides.seed = integer('--seed', values.seed, 0);
  if (values['max-steps'] !== undefined) overrides.maxSteps = integer('--max-steps', values['max-steps'], 1);
  if (values['livelock-steps'] !== undefined)
    overrides.livelockSteps = integer('--livelock-steps', values['livelock-steps'], 1);
  if (values['grace-steps'] !== undefined) {
    overrides.graceSteps = integer('--grace-steps', values['grace-steps'], 0);
  }
  if (values['await-points'] !== undefined) {
    overrides.awaitPoints = integer('--await-points', values['await-points'], 0);
  }
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
  const baseline =
    nonBlank('--baseline', values.baseline) ??
    (values['update-baseline'] === true ? DEFAULT_BASELINE_FILE : null);
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
    junitFile: nonBlank('--junit-file', values['junit-file']) ?? DEFAULT_JUNIT_FILE,
    reportsDir: nonBlank('--reports-dir', values['reports-dir']) ?? DEFAULT_REPORTS_DIR,
    baseline,
    updateBaseline: values['update-baseline'] === true,
    ignore: {
      tasks: nonEmpty('--ignore-task', values['ignore-task']),
      topFunctions: nonEmpty('--ignore-top-function', values['ignore-top-function']),
    },
    budgetMs,
    shard: values.shard === undefined ? null : shard(values.shard),
    workers: values.workers === undefined ? null : integer('--workers', values.workers, 1, MAX_WORKERS),
    checkpoint: nonBlank('--checkpoint', values.checkpoint) ?? null,
    verbose: values.verbose === true,
    allowEmpty: values['allow-empty'] === true,
  };
}

function parseReplay(args: string[]): Command {
  const parsed = parseOptions(args, {
    continue: { type: 'boolean' },
    timeout: { type: 'string' },
    'break-at': { type: 'string' },
    'allow-outside-root': { type: 'boolean' },
  });
  const values = parsed.values as {
    continue?: boolean;
    timeout?: string;
    'break-at'?: string;
    'allow-outside-root'?: boolean;
  };
  const input = one('replay', parsed.positionals);
  const at = values['break-at'];
  return {
    name: 'replay',
    input,
    cont: values.continue === true,
    timeoutMs: timeout(values.timeout),
    breakAt: at === undefined ? null : integer('--break-at', at, 1),
    allowOutsideRoot: values['allow-outside-root'] === true,
  };
}

function parseExplain(args: string[]): Command {
  const parsed = parseOptions(args, {
    timeout: { type: 'string' },
    'allow-outside-root': { type: 'boolean' },
  });
  const values = parsed.values as { timeout?: string; 'allow-outside-root'?: boolean };
  return {
    name: 'explain',
    input: one('explain', parsed.positionals),
    timeoutMs: timeout(values.timeout),
    allowOutsideRoot: values['allow-outside-root'] === true,
  };
}

function one(cmd: string, positionals: readonly string[]): string {
  if (positionals.length !== 1) {
    throw new UsageError(`${cmd} takes one trace file or replay string, got ${positionals.length}`);
  }
  return positionals[0]!;
}
