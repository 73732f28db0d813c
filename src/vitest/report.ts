import path from 'node:path';
import type { Finding } from '../checker/findings.js';
import { renderFinding } from '../report/finding.js';
import type { ExploreResult } from '../explore/explore.js';
import type { Trace } from '../explore/trace.js';
import { stripRoot } from './store.js';

/** The environment variable that makes an itExplores test replay one schedule instead of exploring. */
export const REPLAY_ENV = 'INTERLEAVE_REPLAY';

/** What a failure message needs to say where the finding came from and how to see it again. */
export interface FailureReport {
  readonly finding: Finding;
  readonly trace: Trace;
  readonly replay: string;
  /** Absolute path of the written trace file. */
  readonly traceFile: string | null;
  /** How to run this one test again (`npx vitest run <file> -t '<pattern>'`), if known. */
  readonly rerun: string | null;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `npx vitest run <file> -t '<names>$'`: Vitest matches `-t` as a regular expression against the
 * file, suite and test names joined by spaces, so the names are escaped and anchored at the end.
 */
export function rerunCommand(file: string, names: readonly string[]): string {
  return `npx vitest run ${shellQuote(file)} -t ${shellQuote(`${escapeRegExp(names.join(' '))}$`)}`;
}

/** Root-relative with forward slashes, or absolute when outside the root. */
export function displayPath(root: string, file: string): string {
  const r = path.relative(root, file);
  return r.startsWith('..') || path.isAbsolute(r) ? file : r.split(path.sep).join('/');
}

/** Verdict, goroutine dump, interleaving, then the trace file and the lines that replay it. */
export function renderFailure(r: FailureReport, root: string): string {
  const body = renderFinding({ finding: r.finding, trace: r.trace, replay: null, traceFile: null });
  const lines: string[] = [];
  if (r.traceFile) lines.push(`trace:  ${displayPath(root, r.traceFile)}`);
  if (r.rerun) lines.push(`replay: ${REPLAY_ENV}=${shellQuote(r.replay)} ${r.rerun}`);
  else lines.push(`replay: ${r.replay}`);
  if (r.trace.program) {
    const cmd = `npx interleave replay ${shellQuote(r.replay)}`;
    lines.push(`${r.rerun ? '    or: ' : 'replay: '}${cmd}`);
  }
  return stripRoot(`${body}\n\n${lines.join('\n')}`, root);
}

/**
 * `deadlock in run 2 of 100, counted from 0 (seed 1, strategy random)`: the seed, so CI failures can
 * be replayed, and the run as recorded, the number its trace file and the CLI give.
 */
export function provenance(result: Pick<ExploreResult, 'runs' | 'seed' | 'strategy'>, run: number): string {
  return `in run ${run} of ${result.runs}, counted from 0 (seed ${result.seed}, strategy ${result.strategy})`;
}
