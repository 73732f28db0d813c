import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../checker/findings.js';
import { renderFinding } from '../report/finding.js';
import { colorStyle, plain, type Style } from '../report/style.js';
import { stringifyTrace, type Trace } from '../scheduler/trace.js';

/** One finding as the CLI reports it: the finding, its trace and where that was written. */
export interface Reported {
  readonly finding: Finding;
  readonly trace: Trace | null;
  readonly replay: string | null;
  /** Repo-relative path of the written trace file. */
  readonly traceFile: string | null;
}

export interface ProgramResult {
  readonly file: string;
  readonly name: string;
  readonly runs: number;
  readonly findings: readonly Reported[];
}

export const REPORTS_DIR = 'reports';

/** Colour only for a terminal, and never when NO_COLOR is set. */
export function styleFor(stream: NodeJS.WriteStream): Style {
  return stream.isTTY && !process.env.NO_COLOR ? colorStyle(1) : plain;
}

/**
 * `reports/examples-seed-tee.ts.main.deadlock.trace.json`: derived from the program and the kind
 * only, so the same finding overwrites its previous trace. A second finding of one kind in one
 * program (with findAll) gets `.2`, `.3`, ...
 */
export function traceFileName(file: string, name: string, kind: string, ordinal = 1): string {
  const n = ordinal > 1 ? `.${ordinal}` : '';
  return `${REPORTS_DIR}/${file.split('/').join('-')}.${name}.${kind}${n}.trace.json`;
}

/** Write a trace under the root atomically (a reader never sees half a file). */
export function writeTrace(root: string, rel: string, trace: Trace): void {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  const tmp = `${abs}.${process.pid}.tmp`;
  writeFileSync(tmp, stringifyTrace(trace));
  renameSync(tmp, abs);
}

/** The `--json` document: stable keys and order, no timings, no absolute paths. */
export function jsonReport(programs: readonly ProgramResult[], errors: readonly LoadError[]): string {
  const doc: Record<string, unknown> = {
    version: 1,
    programs: programs.map((p) => ({
      file: p.file,
      name: p.name,
      runs: p.runs,
      findings: p.findings.map((f) => ({
        kind: f.finding.kind,
        message: f.finding.message,
        replay: f.replay,
        trace: f.traceFile,
      })),
    })),
  };
  if (errors.length > 0) doc.errors = errors.map((e) => ({ file: e.file, message: e.message }));
  return JSON.stringify(doc, null, 2) + '\n';
}

export interface LoadError {
  readonly file: string;
  readonly message: string;
}

/** One program's lines for the terminal: `ok` and its runs, or each finding in full. */
export function textReport(p: ProgramResult, style: Style): string {
  const where = `${p.file}#${p.name}`;
  if (p.findings.length === 0) return `${style.good('ok')}    ${where} (${plural(p.runs, 'run')})`;
  return p.findings
    .map((f) => {
      const run = f.trace ? ` (found in run ${f.trace.run + 1})` : '';
      const head = `${style.bad('FAIL')}  ${where}: ${f.finding.kind}${run}`;
      return `${head}\n\n${renderFinding(f, style)}`;
    })
    .join('\n\n');
}

export function summaryLine(programs: readonly ProgramResult[], files: number, errors: number): string {
  const failing = programs.filter((p) => p.findings.length > 0).length;
  const kinds = new Map<string, number>();
  for (const p of programs)
    for (const f of p.findings) kinds.set(f.finding.kind, (kinds.get(f.finding.kind) ?? 0) + 1);
  const byKind = [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
  let s = `${plural(programs.length, 'program')} in ${plural(files, 'file')}: ${programs.length - failing} clean`;
  if (failing > 0) s += `, ${failing} with findings (${byKind})`;
  if (errors > 0) s += `; ${plural(errors, 'file')} could not be loaded`;
  return s;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
