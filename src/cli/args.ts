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

export type Command =
  | { readonly name: 'help' }
  | {
      readonly name: 'check';
      readonly paths: readonly string[];
      readonly overrides: Overrides;
      readonly json: boolean;
      readonly timeoutMs: number;
    }
  | { readonly name: 'replay'; readonly input: string; readonly cont: boolean; readonly timeoutMs: number };

const DEFAULT_TIMEOUT_S = 60;

export function parseCommand(argv: readonly string[]): Command {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') return { name: 'help' };
  if (cmd === 'check') return parseCheck(rest);
  if (cmd === 'replay') return parseReplay(rest);
  throw new UsageError(`unknown command '${cmd}'`);
}

interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: string[];
}

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>): Parsed {
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
  });
  const values = v as {
    runs?: string;
    seed?: string;
    strategy?: string;
    mode?: string;
    timeout?: string;
    json?: boolean;
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
  return {
    name: 'check',
    paths: positionals,
    overrides,
    json: values.json === true,
    timeoutMs: timeout(values.timeout),
  };
}

function parseReplay(args: string[]): Command {
  const parsed = parse(args, { continue: { type: 'boolean' }, timeout: { type: 'string' } });
  const values = parsed.values as { continue?: boolean; timeout?: string };
  const positionals = parsed.positionals;
  if (positionals.length !== 1) {
    throw new UsageError(`replay takes one trace file or replay string, got ${positionals.length}`);
  }
  return {
    name: 'replay',
    input: positionals[0]!,
    cont: values.continue === true,
    timeoutMs: timeout(values.timeout),
  };
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
