import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../checker/findings.js';
import { compare } from './files.js';
import { readInputFile, writeAtomically } from './inputs.js';
import { CliError } from './usage.js';

/** The largest baseline read. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/*
 * The baseline: findings a reviewer accepted, in a committed file (interleave.baseline.json), so a
 * CI gate can be switched on before every old bug is fixed. A baselined finding is still printed,
 * marked, but does not fail the run.
 *
 * A finding's identity must survive what changes between CI runs without the bug changing:
 * - the schedule (another seed or run count finds the same bug by another interleaving), so not the
 *   replay string, the step or the run number;
 * - which of several symmetric tasks is the victim (in test/cli/fixtures/leak.ts either `fast` or
 *   `slow` leaks, depending on who sends second), so not task names, ids or counts;
 * - edits elsewhere in the file, so not line numbers.
 * What stays is where (file and export), what (the kind) and Go's verdict (the message), with every
 * number in it replaced by N: `leak: 2 tasks blocked forever after main returned` and `leak: 1 task
 * ...` are one identity, `chan#3` and `chan#4` too. The cost: a second, different bug of the same
 * kind and verdict in a program that already has a baselined one is hidden until the first is fixed
 * (the entry then goes stale and is reported, and updating the baseline drops it).
 */

const BASELINE_VERSION = 1;

/** One accepted finding. `note` is the reviewer's, kept across updates; it is not part of the identity. */
export interface BaselineEntry {
  readonly file: string;
  readonly export: string;
  readonly kind: string;
  readonly message: string;
  readonly note?: string;
}

export interface Baseline {
  readonly version: number;
  readonly findings: readonly BaselineEntry[];
}

/** The verdict with its numbers (counts, task and object ids, steps, runs, lines) replaced by N. */
export function normalizeMessage(message: string): string {
  return message
    .replace(/\d+(?:\.\d+)?/g, 'N')
    .replace(/\bN tasks?\b/g, 'N task(s)')
    .replace(/\s+/g, ' ')
    .trim();
}

export function identityOf(
  file: string,
  exportName: string,
  f: Pick<Finding, 'kind' | 'message'>,
): BaselineEntry {
  return { file, export: exportName, kind: f.kind, message: normalizeMessage(f.message) };
}

export function sameIdentity(a: BaselineEntry, b: BaselineEntry): boolean {
  return a.file === b.file && a.export === b.export && a.kind === b.kind && a.message === b.message;
}

/** Read a baseline; a missing file is an empty baseline only when `missingOk` (it is about to be written). */
export function readBaseline(root: string, rel: string, missingOk: boolean): Baseline {
  const abs = path.resolve(root, rel);
  if (!existsSync(abs)) {
    if (missingOk) return { version: BASELINE_VERSION, findings: [] };
    throw new CliError(`no such baseline file: ${rel} (create it with --update-baseline)`);
  }
  const text = readInputFile(abs, rel, 'a baseline file', MAX_BASELINE_BYTES, 'give --baseline a JSON file');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CliError(`corrupt baseline ${rel}: it is not JSON (rewrite it with --update-baseline)`);
  }
  const doc = raw as { version?: unknown; findings?: unknown };
  if (doc === null || typeof doc !== 'object' || !Array.isArray(doc.findings)) {
    throw new CliError(
      `corrupt baseline ${rel}: it has no "findings" list (rewrite it with --update-baseline)`,
    );
  }
  if (doc.version !== BASELINE_VERSION) {
    throw new CliError(
      `baseline ${rel} has version ${JSON.stringify(doc.version) ?? 'none'}; this interleave reads version ${BASELINE_VERSION}`,
    );
  }
  const findings = (doc.findings as unknown[]).map((e, i): BaselineEntry => {
    const x = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    const ok = ['file', 'export', 'kind', 'message'].every(
      (k) => Object.prototype.hasOwnProperty.call(x, k) && typeof x[k] === 'string',
    );
    if (!ok)
      throw new CliError(`corrupt baseline ${rel}: entry ${i + 1} lacks file, export, kind or message`);
    const entry = { file: x.file, export: x.export, kind: x.kind, message: x.message } as BaselineEntry;
    return typeof x.note === 'string' ? { ...entry, note: x.note } : entry;
  });
  return { version: BASELINE_VERSION, findings };
}

/**
 * The baseline after this run: entries of the programs explored now are replaced by their current
 * findings (keeping a reviewer's note when the identity is unchanged); entries of programs not
 * explored now (another shard, a path not given) are kept as they are.
 */
export function updateBaseline(
  old: Baseline,
  explored: ReadonlySet<string>,
  current: readonly BaselineEntry[],
): Baseline {
  const kept = old.findings.filter((e) => !explored.has(programKey(e.file, e.export)));
  const fresh: BaselineEntry[] = [];
  for (const c of current) {
    if (fresh.some((f) => sameIdentity(f, c))) continue;
    const note = old.findings.find((e) => sameIdentity(e, c))?.note;
    fresh.push(note === undefined ? c : { ...c, note });
  }
  const findings = [...kept, ...fresh].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      compare(a.export, b.export) ||
      compare(a.kind, b.kind) ||
      compare(a.message, b.message),
  );
  return { version: BASELINE_VERSION, findings };
}

function stringifyBaseline(b: Baseline): string {
  const findings = b.findings.map((e) => {
    const o: Record<string, string> = { file: e.file, export: e.export, kind: e.kind, message: e.message };
    if (e.note !== undefined) o.note = e.note;
    return o;
  });
  return JSON.stringify({ version: b.version, findings }, null, 2) + '\n';
}

export function writeBaseline(root: string, rel: string, b: Baseline): void {
  writeAtomically(path.resolve(root, rel), rel, stringifyBaseline(b));
}

export function programKey(file: string, exportName: string): string {
  return `${file}#${exportName}`;
}
