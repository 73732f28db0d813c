import path from 'node:path';
import type { Finding } from '../checker/findings.js';
import { escapeLine } from '../report/escape.js';
import { renderFinding } from '../report/finding.js';
import { colorStyle, plain, type Style } from '../report/style.js';
import { stringifyTrace, type Trace } from '../explore/trace.js';
import { writeAtomically } from './inputs.js';
import type { Completeness } from '../explore/completeness.js';

/** One finding as the CLI reports it: the finding, its trace and where that was written. */
export interface Reported {
  readonly finding: Finding;
  readonly trace: Trace | null;
  readonly replay: string | null;
  /** Repo-relative path of the written trace file. */
  readonly traceFile: string | null;
  /** Accepted in the baseline: printed, marked, but it does not fail the run. */
  readonly baselined?: boolean;
}

export interface ProgramResult {
  readonly file: string;
  readonly name: string;
  readonly runs: number;
  readonly findings: readonly Reported[];
  /** The seed explored with (null when the program could not be explored). */
  readonly seed?: number | null;
  /** Leak findings dropped by --ignore-task / --ignore-top-function. */
  readonly ignored?: number;
  /** Set when a time budget (`--budget 30s`) decided the run count. */
  readonly budgetMs?: number | null;
  /** A dfs or dpor exploration's claim (absent: a sampling strategy, which never claims it). */
  readonly completeness?: Completeness;
}

/** Findings that fail the gate (not baselined). */
export function failing(p: ProgramResult): readonly Reported[] {
  return p.findings.filter((f) => !f.baselined);
}

/** `--runs 1234 --seed 1`: what reproduces a time-budgeted exploration, or null. */
export function reproduction(p: ProgramResult): string | null {
  if (!p.budgetMs || p.seed === null || p.seed === undefined || p.runs === 0) return null;
  return `--runs ${p.runs} --seed ${p.seed}`;
}

const REPORTS_DIR = 'reports';

/** Colour only for a terminal, and never when NO_COLOR is set. */
export function styleFor(stream: NodeJS.WriteStream): Style {
  return stream.isTTY && !process.env.NO_COLOR ? colorStyle(1) : plain;
}

/**
 * `reports/examples-seed-tee.ts.main.deadlock.trace.json`: derived from the program and the kind
 * only, so the same finding overwrites its previous trace. A second finding of one kind in one
 * program (with findAll) gets `.2`, `.3`, ...
 */
export function traceFileName(
  file: string,
  name: string,
  kind: string,
  ordinal = 1,
  dir: string = REPORTS_DIR,
): string {
  const n = ordinal > 1 ? `.${ordinal}` : '';
  return `${dir.replace(/[\\/]+$/, '')}/${file.split('/').join('-')}.${name}.${kind}${n}.trace.json`;
}

/** Write a trace under the root (or where an absolute path says) atomically (a reader never sees half a file). */
export function writeTrace(root: string, rel: string, trace: Trace): void {
  writeAtomically(path.resolve(root, rel), rel, stringifyTrace(trace));
}

/** What the JSON report says about the baseline, when one is in use. */
export interface BaselineSummary {
  readonly file: string;
  /** Entries of programs explored in this run that no finding matched any more. */
  readonly stale: readonly {
    readonly file: string;
    readonly export: string;
    readonly kind: string;
    readonly message: string;
  }[];
  readonly updated: boolean;
}

/** One finding in the `--json` document. */
export interface JsonFinding {
  readonly kind: Finding['kind'];
  readonly message: string;
  readonly replay: string | null;
  /** Repo-relative path of the written trace file. */
  readonly trace: string | null;
  /** The run it was found in: the trace's `run`, counted from 0 as everywhere (null without a trace). */
  readonly run: number | null;
  readonly baselined?: true;
}

/** One program in the `--json` document. */
export interface JsonProgram {
  readonly file: string;
  readonly name: string;
  readonly runs: number;
  /**
   * Whether every schedule was explored and the program depends on nothing the explorer does not
   * see (docs/what-the-explorer-sees.md); false for sampling strategies.
   */
  readonly complete: boolean;
  /** With `complete`: what it covers, e.g. `every schedule of interleave operations (dfs)`. */
  readonly completeScope?: string;
  /** A search that ran out of schedules but does not claim `complete`: why. */
  readonly incompleteReason?: string;
  readonly findings: readonly JsonFinding[];
  readonly ignored?: number;
  /** `--runs 1234 --seed 1`: what reproduces a time-budgeted exploration. */
  readonly reproduce?: string;
}

/** The `--json` document, as `interleave check --json` prints it. */
export interface JsonReport {
  readonly version: 1;
  readonly programs: readonly JsonProgram[];
  readonly baseline?: BaselineSummary;
  readonly errors?: readonly LoadError[];
}

/**
 * The `--json` document: stable keys and order, no timings, no absolute paths. Keys that only some
 * runs have (`baselined`, `ignored`, `reproduce`, `baseline`, `errors`) appear only then.
 */
export function jsonReport(
  programs: readonly ProgramResult[],
  errors: readonly LoadError[],
  baseline: BaselineSummary | null = null,
): string {
  const doc: JsonReport = {
    version: 1,
    programs: programs.map((p): JsonProgram => {
      const again = reproduction(p);
      return {
        file: p.file,
        name: p.name,
        runs: p.runs,
        complete: false, // a sampling strategy's program has no completeness: false, in this place
        ...p.completeness,
        findings: p.findings.map((f): JsonFinding => ({
          kind: f.finding.kind,
          message: f.finding.message,
          replay: f.replay,
          trace: f.traceFile,
          run: f.trace ? f.trace.run : null,
          ...(f.baselined ? { baselined: true } : {}),
        })),
        ...(p.ignored ? { ignored: p.ignored } : {}),
        ...(again ? { reproduce: again } : {}),
      };
    }),
    ...(baseline ? { baseline } : {}),
    ...(errors.length > 0 ? { errors: errors.map((e) => ({ file: e.file, message: e.message })) } : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export interface LoadError {
  readonly file: string;
  readonly message: string;
}

/** One program's lines for the terminal: `ok` and its runs, or each finding in full. */
export function textReport(p: ProgramResult, style: Style): string {
  const where = `${p.file}#${p.name}`;
  const again = reproduction(p);
  const budget = again ? `; ${p.budgetMs! / 1000} s budget, reproduce with ${again}` : '';
  const ignored = p.ignored ? `; ${plural(p.ignored, 'leak')} ignored by the leak filters` : '';
  const ok = `${style.good('ok')}    ${where} (${plural(p.runs, 'run')}${budget}${ignored}${claim(p)})`;
  if (p.findings.length === 0) return ok;
  const lines = p.findings
    .map((f) => {
      if (f.baselined) {
        const head = `${style.dim('base')}  ${where}: ${f.finding.kind} (baselined): ${escapeLine(f.finding.message)}`;
        return f.replay ? `${head}\n      replay: npx interleave replay '${f.replay}'` : head;
      }
      // The run as recorded (counted from 0): the number the trace, --json, explain and the HTML give.
      const run = f.trace ? ` (found in run ${f.trace.run})` : '';
      const head = `${style.bad('FAIL')}  ${where}: ${f.finding.kind}${run}`;
      return `${head}\n\n${renderFinding(f, style)}`;
    })
    .join('\n\n');
  return failing(p).length === 0 ? `${ok}\n${lines}` : lines;
}

/** `; complete: every schedule of interleave operations (dfs)`, or why a finished search is not. */
function claim(p: ProgramResult): string {
  const c = p.completeness;
  if (c?.complete && c.completeScope !== undefined) return `; complete: ${c.completeScope}`;
  if (c?.incompleteReason !== undefined) return `; not complete: ${c.incompleteReason}`;
  return '';
}

export function summaryLine(programs: readonly ProgramResult[], files: number, errors: number): string {
  const failingPrograms = programs.filter((p) => failing(p).length > 0).length;
  const kinds = new Map<string, number>();
  for (const p of programs)
    for (const f of failing(p)) kinds.set(f.finding.kind, (kinds.get(f.finding.kind) ?? 0) + 1);
  const byKind = [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
  const baselined = programs.reduce((n, p) => n + p.findings.length - failing(p).length, 0);
  let s = `${plural(programs.length, 'program')} in ${plural(files, 'file')}: ${programs.length - failingPrograms} clean`;
  const complete = programs.filter((p) => p.completeness?.complete === true).length;
  if (complete > 0) s += ` (${complete} explored completely: every schedule of interleave operations)`;
  if (failingPrograms > 0) s += `, ${failingPrograms} with findings (${byKind})`;
  if (baselined > 0) s += `; ${plural(baselined, 'baselined finding')} (not failing)`;
  if (errors > 0) s += `; ${plural(errors, 'file')} could not be loaded`;
  return s;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
