import type { Finding } from '../checker/findings.js';
import type { Command } from './args.js';
import { findSources } from './files.js';
import {
  jsonReport,
  plural,
  styleFor,
  summaryLine,
  textReport,
  traceFileName,
  writeTrace,
  type LoadError,
  type ProgramResult,
  type Reported,
} from './output.js';
import type { Reply, TimedOut } from './protocol.js';
import { limiter, runJob, runWorker } from './spawn.js';
import { EXIT } from './usage.js';

type CheckCommand = Extract<Command, { name: 'check' }>;

type FileOutcome =
  | { readonly ok: true; readonly programs: ProgramResult[] }
  | { readonly ok: false; readonly error: LoadError };

/**
 * `interleave check`: list each file's programs in a worker, explore each program in a worker of its
 * own (a few at a time), then report in a fixed order (files, then export names) whatever order the
 * workers finish in, so the same seed prints the same bytes.
 */
export async function check(cmd: CheckCommand, root: string): Promise<number> {
  const files = findSources(cmd.paths, root);
  const pool = limiter();
  const progress = (line: string): boolean => process.stderr.write(`interleave: ${line}\n`);
  progress(`checking ${plural(files.length, 'file')}`);

  const reportDone = (r: ProgramResult): void => {
    const kinds = r.findings.map((f) => f.finding.kind).join(', ') || 'clean';
    progress(`${r.file}#${r.name}: ${kinds} (${plural(r.runs, 'run')})`);
  };
  const exploreOne = async (file: string, name: string): Promise<ProgramResult> => {
    const job = { kind: 'explore', file, export: name, overrides: cmd.overrides } as const;
    const result = toResult(file, name, await pool(() => runJob(job, root, cmd.timeoutMs)));
    reportDone(result);
    return result;
  };
  // The worker that lists a file's programs goes on to explore the first; each other program gets
  // a fresh worker, so no program sees module state another one left behind.
  const checkFile = async (file: string): Promise<FileOutcome> => {
    const job = { kind: 'list', file, explore: cmd.overrides } as const;
    const isLast = (r: Reply): boolean => r.type !== 'listed' || r.exports.length === 0;
    const answers = await pool(() => runWorker(job, root, cmd.timeoutMs, isLast));
    const listed = answers[0]!;
    if (listed.type !== 'listed') return { ok: false, error: { file, message: loadFailure(file, listed) } };
    const [head, ...rest] = listed.exports;
    if (head === undefined) {
      progress(`${file}: no exported program(...)`);
      return { ok: true, programs: [] };
    }
    const firstResult = toResult(file, head, answers[1]!);
    reportDone(firstResult);
    const others = await Promise.all(rest.map((name) => exploreOne(file, name)));
    return { ok: true, programs: [firstResult, ...others] };
  };

  const pending = files.map(checkFile);
  const style = styleFor(process.stdout);
  const programs: ProgramResult[] = [];
  const errors: LoadError[] = [];
  for (const outcome of pending) {
    const o = await outcome;
    if (!o.ok) {
      errors.push(o.error);
      process.stderr.write(`interleave: ${o.error.message}\n`);
      continue;
    }
    for (const p of o.programs) {
      const written = writeTraces(root, p);
      programs.push(written);
      if (cmd.json) continue;
      // A finding is a block of lines: set it apart from its neighbours.
      const text = textReport(written, style);
      process.stdout.write(written.findings.length > 0 ? `\n${text}\n\n` : `${text}\n`);
    }
  }
  if (cmd.json) process.stdout.write(jsonReport(programs, errors));
  else process.stdout.write(`${summaryLine(programs, files.length, errors.length)}\n`);
  if (errors.length > 0) return EXIT.error;
  return programs.some((p) => p.findings.length > 0) ? EXIT.findings : EXIT.clean;
}

function toResult(file: string, name: string, reply: Reply | TimedOut): ProgramResult {
  if (reply.type === 'explored') {
    const findings = reply.findings.map((f): Reported => ({
      finding: f,
      trace: f.trace,
      replay: f.replay,
      traceFile: null,
    }));
    return { file, name, runs: reply.runs, findings };
  }
  return {
    file,
    name,
    runs: 0,
    findings: [{ finding: errorFinding(file, name, reply), trace: null, replay: null, traceFile: null }],
  };
}

/** A program that could not be explored is a finding of kind `error`, saying why and what to do. */
function errorFinding(file: string, name: string, reply: Reply | TimedOut): Finding {
  let message: string;
  let summary: string;
  if (reply.type === 'timeout') {
    const s = reply.ms / 1000;
    if (reply.phase === 'load') {
      message = `error: importing the program's file did not finish within ${s} s`;
      summary = `${file} was stopped while loading: its top-level code may loop forever; move the work into main`;
    } else {
      message = `error: the program did not yield for ${s} s: likely a synchronous infinite loop`;
      summary =
        `${file}#${name} made no progress for ${s} s and was stopped: a task is likely looping without ` +
        `awaiting an interleave operation; add \`await yield_()\` inside the loop (or raise --timeout if it is just slow)`;
    }
  } else {
    message = `error: ${reply.type === 'failed' ? reply.message : `unexpected answer '${reply.type}' from the worker`}`;
    summary = `${file}#${name} could not be explored; fix the program or its options and run check again`;
  }
  return { kind: 'error', message, summary, tasks: [], task: null, stack: null, step: 0 };
}

function loadFailure(file: string, reply: Reply | TimedOut): string {
  if (reply.type === 'timeout') {
    return `cannot load ${file}: importing it did not finish within ${reply.ms / 1000} s (a synchronous infinite loop at its top level?)`;
  }
  if (reply.type === 'failed')
    return reply.stage === 'load' ? reply.message : `cannot load ${file}: ${reply.message}`;
  return `cannot load ${file}: unexpected answer '${reply.type}' from the worker`;
}

/** Write each finding's trace under reports/ and note where. */
function writeTraces(root: string, p: ProgramResult): ProgramResult {
  const ordinals = new Map<string, number>();
  const findings = p.findings.map((f): Reported => {
    if (!f.trace) return f;
    const n = (ordinals.get(f.finding.kind) ?? 0) + 1;
    ordinals.set(f.finding.kind, n);
    const traceFile = traceFileName(p.file, p.name, f.finding.kind, n);
    writeTrace(root, traceFile, f.trace);
    return { ...f, traceFile };
  });
  return { ...p, findings };
}
