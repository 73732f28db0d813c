import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseTrace, stringifyTrace, wireTrace, type Trace } from '../explore/trace.js';
import { isRecord } from '../explore/trace-fields.js';

/*
 * Files the plugin writes under the reports folder:
 * - `<reports>/<test file>.<test name>.<kind>.trace.json`: the trace of a failure, for
 *   `interleave replay` and humans, as the CLI writes them;
 * - `<reports>/.interleave/<test file>.<test name>.<hash>.json`: the failing schedule of a test,
 *   replayed first by its next run and deleted when it passes. Named from the test file and full
 *   name only, so every machine and shard agrees on it.
 */

/** Which test: its file relative to the project root and its full name (`suite > test`). */
export interface TestId {
  readonly file: string;
  readonly name: string;
}

export interface Saved {
  readonly file: string;
  readonly test: string;
  readonly replay: string;
  readonly trace: Trace;
}

const SAVED_FORMAT = 'interleave-vitest-saved';
const SAVED_VERSION = 1;
const SAVED_DIR = '.interleave';

function slug(s: string, max = 80): string {
  const t = s
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max);
  return t || 'test';
}

const flat = (file: string): string => file.split('/').join('-');

export function traceFilePath(reportsDir: string, id: TestId, kind: string, ordinal = 1): string {
  const n = ordinal > 1 ? `.${ordinal}` : '';
  return path.join(reportsDir, `${flat(id.file)}.${slug(id.name)}.${kind}${n}.trace.json`);
}

export function savedPath(reportsDir: string, id: TestId): string {
  const hash = createHash('sha256').update(`${id.file}\u0000${id.name}`).digest('hex').slice(0, 10);
  return path.join(reportsDir, SAVED_DIR, `${flat(id.file)}.${slug(id.name, 60)}.${hash}.json`);
}

/** Atomically: a reader (another shard, an editor) never sees half a file. */
function writeAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export function writeTraceFile(file: string, trace: Trace): void {
  writeAtomic(file, stringifyTrace(trace));
}

export function writeSaved(reportsDir: string, id: TestId, replay: string, trace: Trace): string {
  const file = savedPath(reportsDir, id);
  const doc = {
    format: SAVED_FORMAT,
    version: SAVED_VERSION,
    file: id.file,
    test: id.name,
    replay,
    trace: wireTrace(trace),
  };
  writeAtomic(file, JSON.stringify(doc, null, 2) + '\n');
  return file;
}

/** The saved failing schedule of this test; null if none. Throws (with the reason) if unreadable. */
export function readSaved(reportsDir: string, id: TestId): Saved | null {
  const file = savedPath(reportsDir, id);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const raw: unknown = JSON.parse(text);
  // Not an object (null, a list, a number): no field of it matches, so it is refused below.
  const doc: Record<string, unknown> = isRecord(raw) ? raw : {};
  if (doc.format !== SAVED_FORMAT || doc.version !== SAVED_VERSION) {
    throw new Error(
      `not a saved schedule of this interleave version (format ${String(doc.format)} ${String(doc.version)})`,
    );
  }
  if (doc.file !== id.file || doc.test !== id.name) {
    throw new Error(`it belongs to another test (${String(doc.file)} > ${String(doc.test)})`);
  }
  const trace = parseTrace(JSON.stringify(doc.trace), `saved schedule ${file}`);
  return { file: id.file, test: id.name, replay: String(doc.replay), trace };
}

export function deleteSaved(reportsDir: string, id: TestId): void {
  rmSync(savedPath(reportsDir, id), { force: true });
}

/** Absolute paths in a panic's stack made root-relative, so trace files are the same bytes everywhere. */
export function portableTrace(trace: Trace, root: string): Trace {
  const f = trace.finding;
  if (!f || f.stack === null) return trace;
  return { ...trace, finding: { ...f, stack: stripRoot(f.stack, root) } };
}

export function stripRoot(text: string, root: string): string {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return text.split(`file://${prefix}`).join('').split(prefix).join('');
}
