import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CheckCommand } from './args.js';
import {
  identityOf,
  programKey,
  readBaseline,
  sameIdentity,
  updateBaseline,
  writeBaseline,
  type Baseline,
  type BaselineEntry,
} from './baseline.js';
import type { Context } from './check-context.js';
import { readCheckpoint, writeCheckpoint } from './checkpoint.js';
import { doneLine, exploreOne, localParts, toResult } from './explore-program.js';
import { loadFailure } from './failures.js';
import { findSources, SEARCHED } from './files.js';
import { unwritable, writeAtomically } from './inputs.js';
import { escapeLine } from '../report/escape.js';
import { hasFilters, isIgnored } from './filters.js';
import { junitXml } from './junit.js';
import {
  failing,
  jsonReport,
  plural,
  styleFor,
  summaryLine,
  textReport,
  traceFileName,
  writeTrace,
  type BaselineSummary,
  type LoadError,
  type ProgramResult,
  type Reported,
} from './output.js';
import { progressFor } from './progress.js';
import type { Reply } from './protocol.js';
import { runJob, runWorker, setWorkers } from './spawn.js';
import { CliError, EXIT, UsageError } from './usage.js';

/** `programs` is empty for a file that exports none (a helper module): `check` names or counts it. */
type FileOutcome =
  | { readonly ok: true; readonly file: string; readonly programs: ProgramResult[] }
  | { readonly ok: false; readonly error: LoadError };

/**
 * `interleave check`: list each file's programs in a worker, explore each program in a worker of its
 * own (a few at a time), then report in a fixed order (files, then export names) whatever order the
 * workers finish in, so the same seed prints the same bytes. Leak filters drop findings, the
 * baseline marks accepted ones, and the JUnit file and baseline are written at the end.
 */
export async function check(cmd: CheckCommand, root: string): Promise<number> {
  const targets = splitTargets(cmd.paths, root);
  // Output files that cannot be written are refused now, not after a long exploration.
  for (const [flag, file] of [
    ['--junit-file', cmd.reporter === 'junit' ? cmd.junitFile : null],
    ['--checkpoint', cmd.checkpoint],
    ['--baseline', cmd.baseline],
  ] as const) {
    const problem = file === null ? null : unwritable(path.resolve(root, file), file);
    if (problem) throw new UsageError(`${flag} ${problem}`);
  }
  const files = findSources(
    targets.map((t) => t.path),
    root,
  );
  const searched = cmd.paths.join(', ');
  if (files.length === 0 && !cmd.allowEmpty) {
    throw new CliError(
      `no program files in ${searched} (searched for ${SEARCHED}); check the path, or pass --allow-empty if a check of nothing should pass`,
    );
  }
  const selected = selection(targets, root);
  const named = namedFiles(targets, root);
  const baseline = cmd.baseline ? readBaseline(root, cmd.baseline, cmd.updateBaseline) : null;
  const progress = progressFor(process.stderr, { total: cmd.overrides.runs ?? null, budgetMs: cmd.budgetMs });
  const ctx: Context = {
    cmd,
    root,
    spec: {
      // A program's console output is shown with its finding (the interleaving's rows), not once per
      // run, unless --verbose.
      overrides: { ...cmd.overrides, console: cmd.verbose ? 'print' : 'quiet' },
      budgetMs: cmd.budgetMs,
      findAll: hasFilters(cmd.ignore),
      part: null,
    },
    progress,
    localParts: localParts(cmd),
    checkpoint: cmd.checkpoint ? readCheckpoint(root, cmd.checkpoint) : null,
  };
  if (cmd.workers !== null) setWorkers(cmd.workers);
  const shard = cmd.shard ? `, shard ${cmd.shard.index}/${cmd.shard.count}` : '';
  progress.note(`checking ${plural(files.length, 'file')}${shard}`);

  // Sharding and `file#export` need every file's program list before exploring any; otherwise the
  // worker that lists a file goes on to explore its first program (one load saved per file).
  const pending =
    cmd.shard || selected || ctx.localParts > 1 || ctx.checkpoint
      ? await listThenExplore(ctx, files, selected)
      : files.map((f) => checkFile(ctx, f));

  const style = styleFor(process.stdout);
  const programs: ProgramResult[] = [];
  const errors: LoadError[] = [];
  /** Files that could not be written (a `reports` that is a file): the findings are printed anyway. */
  const unwritten: string[] = [];
  /** Files found in a folder that export no program (helpers): counted, not named one by one. */
  let helpers = 0;
  for (const outcome of pending) {
    const o = await outcome;
    if (!o.ok) {
      errors.push(o.error);
      progress.note(escapeLine(o.error.message));
      continue;
    }
    if (o.programs.length === 0) {
      if (named.has(o.file)) progress.note(`${o.file}: no exported program(...)`);
      else helpers++;
    }
    for (const p of o.programs) {
      const written = writeTraces(
        root,
        cmd.reportsDir,
        markBaselined(filterLeaks(p, cmd), baseline),
        unwritten,
      );
      programs.push(written);
      if (cmd.json) continue;
      // A finding is a block of lines: set it apart from its neighbours.
      const text = textReport(written, style);
      process.stdout.write(failing(written).length > 0 ? `\n${text}\n\n` : `${text}\n`);
    }
  }
  if (helpers > 0) progress.note(`${plural(helpers, 'file')} without programs skipped`);
  progress.end();

  const baselineSummary = baseline ? settleBaseline(cmd, root, baseline, programs) : null;
  if (ctx.checkpoint && cmd.checkpoint) {
    writeCheckpoint(root, cmd.checkpoint, ctx.checkpoint);
    const open = [...ctx.checkpoint.values()].filter((e) => !e.complete).length;
    progress.note(
      `wrote ${cmd.checkpoint}: ${plural(ctx.checkpoint.size - open, 'search')} complete, ${open} to go on with next time`,
    );
  }
  if (cmd.reporter === 'junit') {
    try {
      writeAtomically(path.resolve(root, cmd.junitFile), cmd.junitFile, junitXml(programs, errors));
      process.stderr.write(`interleave: wrote ${cmd.junitFile}\n`);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      unwritten.push(e.message);
    }
  }
  if (cmd.json) process.stdout.write(jsonReport(programs, errors, baselineSummary));
  else {
    for (const line of baselineNotes(baselineSummary, baseline)) process.stdout.write(`${line}\n`);
    if (cmd.budgetMs !== null) process.stdout.write(`${budgetNote(cmd.budgetMs)}\n`);
    process.stdout.write(`${summaryLine(programs, files.length, errors.length)}\n`);
  }
  for (const why of unwritten) process.stderr.write(`interleave: ${escapeLine(why)}\n`);
  if (errors.length > 0 || unwritten.length > 0) return EXIT.error;
  if (programs.length === 0 && !cmd.allowEmpty) {
    process.stderr.write(
      `interleave: no exported program(...) in ${files.length === 1 ? files[0] : `the ${files.length} files of ${searched}`}; ` +
        'export one (export const main = program(async () => { ... })), or pass --allow-empty if a check of nothing should pass\n',
    );
    return EXIT.error;
  }
  if (cmd.updateBaseline) return EXIT.clean;
  return programs.some((p) => failing(p).length > 0) ? EXIT.findings : EXIT.clean;
}

/** The worker that lists a file explores its first program too; each other program gets a fresh worker. */
async function checkFile(ctx: Context, file: string): Promise<FileOutcome> {
  const job = { kind: 'list', file, explore: ctx.spec } as const;
  const isLast = (r: Reply): boolean => r.type !== 'listed' || r.exports.length === 0;
  const answers = await runWorker(
    job,
    ctx.root,
    ctx.cmd.timeoutMs,
    isLast,
    (n) => ctx.progress.update(file, n),
    () => ctx.progress.start(file, file),
  );
  const listed = answers[0]!;
  if (listed.type !== 'listed') {
    ctx.progress.stop(file);
    return { ok: false, error: { file, message: loadFailure(file, listed) } };
  }
  const [head, ...rest] = listed.exports;
  if (head === undefined) {
    ctx.progress.stop(file);
    return { ok: true, file, programs: [] };
  }
  const first = toResult(ctx, file, head, answers[1]!);
  ctx.progress.done(file, doneLine(first));
  const others = await Promise.all(rest.map((name, i) => exploreOne(ctx, file, name, i + 1)));
  return { ok: true, file, programs: [first, ...others] };
}

/**
 * List every file, then explore its programs (the selected ones), each in this shard's parts. The
 * programs are numbered k = 0, 1, … sorted by file then export name: a dfs or dpor program, which
 * does not split by run index, is explored whole on shard (k mod n) + 1. Shards are disjoint and
 * together complete, and the split depends only on the program list and seed, never on timing.
 */
async function listThenExplore(
  ctx: Context,
  files: readonly string[],
  selected: ReadonlyMap<string, ReadonlySet<string>> | null,
): Promise<Promise<FileOutcome>[]> {
  const listings = await Promise.all(
    files.map((file) => runJob({ kind: 'list', file }, ctx.root, ctx.cmd.timeoutMs)),
  );
  let k = 0;
  return files.map((file, i): Promise<FileOutcome> => {
    const listed = listings[i]!;
    if (listed.type !== 'listed') {
      return Promise.resolve({ ok: false, error: { file, message: loadFailure(file, listed) } });
    }
    const wanted = selected?.get(file);
    if (wanted) {
      const missing = [...wanted].filter((n) => !listed.exports.includes(n));
      if (missing.length > 0) {
        const have = listed.exports.length ? listed.exports.join(', ') : 'none';
        const message = `${file} has no exported program ${missing.join(', ')} (its programs: ${have})`;
        return Promise.resolve({ ok: false, error: { file, message } });
      }
    }
    const mine: [string, number][] = [];
    for (const name of listed.exports) {
      if (wanted && !wanted.has(name)) continue;
      mine.push([name, k++]);
    }
    return Promise.all(mine.map(([name, ordinal]) => exploreOne(ctx, file, name, ordinal))).then(
      (programs) => ({ ok: true, file, programs }),
    );
  });
}

interface Target {
  readonly path: string;
  readonly export: string | null;
}

/** `file.ts#main` names one program; a path that exists as given is taken as a path. */
function splitTargets(paths: readonly string[], root: string): Target[] {
  return paths.map((p) => {
    const at = p.lastIndexOf('#');
    if (at <= 0 || existsSync(path.resolve(root, p))) return { path: p, export: null };
    const name = p.slice(at + 1);
    if (name === '') throw new UsageError(`'${p}': name the program after #, e.g. ${p}main`);
    return { path: p.slice(0, at), export: name };
  });
}

/** The files named on the command line themselves, not found by searching a folder. */
function namedFiles(targets: readonly Target[], root: string): Set<string> {
  const named = new Set<string>();
  for (const t of targets) {
    if (!statSync(path.resolve(root, t.path), { throwIfNoEntry: false })?.isFile()) continue;
    for (const f of findSources([t.path], root)) named.add(f);
  }
  return named;
}

/** For `file#export` targets: file → the exports wanted; a file also given whole wants all. Null: no selection. */
function selection(targets: readonly Target[], root: string): Map<string, Set<string>> | null {
  if (targets.every((t) => t.export === null)) return null;
  const whole = new Set<string>();
  const picked = new Map<string, Set<string>>();
  for (const t of targets) {
    for (const f of findSources([t.path], root)) {
      if (t.export === null) whole.add(f);
      else picked.set(f, (picked.get(f) ?? new Set()).add(t.export));
    }
  }
  for (const f of whole) picked.delete(f);
  return picked;
}

function filterLeaks(p: ProgramResult, cmd: CheckCommand): ProgramResult {
  if (!hasFilters(cmd.ignore)) return p;
  const kept = p.findings.filter((f) => !isIgnored(f.finding, cmd.ignore));
  return { ...p, findings: kept, ignored: p.findings.length - kept.length };
}

function markBaselined(p: ProgramResult, baseline: Baseline | null): ProgramResult {
  if (!baseline) return p;
  const findings = p.findings.map((f): Reported => {
    const id = identityOf(p.file, p.name, f.finding);
    return baseline.findings.some((e) => sameIdentity(e, id)) ? { ...f, baselined: true } : f;
  });
  return { ...p, findings };
}

/** Stale entries (programs explored now, finding gone); with --update-baseline, rewrite the file. */
function settleBaseline(
  cmd: CheckCommand,
  root: string,
  baseline: Baseline,
  programs: readonly ProgramResult[],
): BaselineSummary {
  const explored = new Set(programs.map((p) => programKey(p.file, p.name)));
  const current: BaselineEntry[] = programs.flatMap((p) =>
    p.findings.map((f) => identityOf(p.file, p.name, f.finding)),
  );
  // A shard sees only its share of each program's schedules: another shard may find what it did not.
  const stale = baseline.findings
    .filter((e) => !cmd.shard && explored.has(programKey(e.file, e.export)))
    .filter((e) => !current.some((c) => sameIdentity(c, e)))
    .map((e) => ({ file: e.file, export: e.export, kind: e.kind, message: e.message }));
  if (cmd.updateBaseline) writeBaseline(root, cmd.baseline!, updateBaseline(baseline, explored, current));
  return { file: cmd.baseline!, stale, updated: cmd.updateBaseline };
}

function baselineNotes(s: BaselineSummary | null, before: Baseline | null): string[] {
  if (!s || !before) return [];
  const lines: string[] = [];
  if (s.updated) lines.push(`baseline: wrote ${s.file}; review the change and commit it`);
  if (s.stale.length > 0) {
    const what = s.updated ? 'dropped (no longer found)' : 'no longer found (stale)';
    lines.push(`note: ${plural(s.stale.length, 'baseline entry')} of ${s.file} ${what}:`);
    for (const e of s.stale) lines.push(`  ${e.file}#${e.export}: ${e.kind}: ${e.message}`);
    if (!s.updated) lines.push('  fixed? run check with --update-baseline to drop them');
  }
  return lines;
}

function budgetNote(ms: number): string {
  return (
    `budget: each program was explored for ${ms / 1000} s; run r of a seed is always the same schedule, ` +
    'so --runs with the run count reached and the same --seed explores exactly the same schedules'
  );
}

/**
 * Write each finding's trace under reports/ and note where. A trace that cannot be written (a file
 * named `reports`, a full disk) leaves the finding without a trace file, and the reason in `unwritten`.
 */
function writeTraces(root: string, dir: string, p: ProgramResult, unwritten: string[]): ProgramResult {
  const ordinals = new Map<string, number>();
  const findings = p.findings.map((f): Reported => {
    if (!f.trace) return f;
    const n = (ordinals.get(f.finding.kind) ?? 0) + 1;
    ordinals.set(f.finding.kind, n);
    const traceFile = traceFileName(p.file, p.name, f.finding.kind, n, dir);
    try {
      writeTrace(root, traceFile, f.trace);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      unwritten.push(`${e.message}; the finding is printed above without its trace file`);
      return f;
    }
    return { ...f, traceFile };
  });
  return { ...p, findings };
}
