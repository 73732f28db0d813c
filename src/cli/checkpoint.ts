import { existsSync } from 'node:fs';
import path from 'node:path';
import { readInputFile, writeAtomically } from './inputs.js';
import { CliError } from './usage.js';

/** The largest checkpoint read (a dfs frontier is a few KB per program). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/*
 * `check --checkpoint FILE`: where a depth-first search (dfs, dpor) stopped, per program, so that the
 * next `check` with the same file goes on from there instead of starting over. A long search is
 * then split across CI jobs run one after another (each with its own --runs or --budget), and the
 * file says when a program's search is complete.
 */

export interface CheckpointEntry {
  /** The strategy whose frontier this is (resuming it with another is refused). */
  readonly strategy: string;
  /** The strategy's frontier (its own JSON), or null when the search is complete. */
  readonly frontier: string | null;
  readonly complete: boolean;
  /** Runs explored so far, over every job that added to this search. */
  readonly runs: number;
}

const VERSION = 1;

/** The entries by program key (`file#export`); an absent file is an empty checkpoint. */
export function readCheckpoint(root: string, rel: string): Map<string, CheckpointEntry> {
  const abs = path.resolve(root, rel);
  if (!existsSync(abs)) return new Map();
  const corrupt = (why: string): CliError =>
    new CliError(
      `${rel} is not an interleave checkpoint (${why}); it should be the file a previous ` +
        `'check --checkpoint ${rel}' wrote: delete it to start the searches over`,
    );
  const text = readInputFile(
    abs,
    rel,
    'a checkpoint',
    MAX_FILE_BYTES,
    `give --checkpoint a file (it is written if absent)`,
  );
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw corrupt(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const doc = raw as { interleaveCheckpoint?: unknown; programs?: unknown };
  if (typeof doc !== 'object' || doc === null || doc.interleaveCheckpoint === undefined) {
    throw corrupt('no "interleaveCheckpoint" version field');
  }
  if (doc.interleaveCheckpoint !== VERSION) {
    throw corrupt(
      `version ${JSON.stringify(doc.interleaveCheckpoint)}; this interleave reads version ${VERSION}`,
    );
  }
  if (typeof doc.programs !== 'object' || doc.programs === null) throw corrupt('no "programs" object');
  const out = new Map<string, CheckpointEntry>();
  if (Array.isArray(doc.programs)) throw corrupt('"programs" is a list, not an object');
  for (const [key, e] of Object.entries(doc.programs as Record<string, Partial<CheckpointEntry>>)) {
    const ok =
      typeof e === 'object' &&
      e !== null &&
      typeof e.strategy === 'string' &&
      (typeof e.frontier === 'string' || e.frontier === null) &&
      typeof e.complete === 'boolean' &&
      typeof e.runs === 'number' &&
      Number.isSafeInteger(e.runs) &&
      e.runs >= 0;
    if (!ok) {
      throw corrupt(
        `the entry for ${key} should be { strategy: string, frontier: string or null, complete: boolean, runs: integer ≥ 0 }`,
      );
    }
    out.set(key, e as CheckpointEntry);
  }
  return out;
}

/** Write the entries (sorted by program, so the file diffs well), atomically. */
export function writeCheckpoint(
  root: string,
  rel: string,
  entries: ReadonlyMap<string, CheckpointEntry>,
): void {
  const programs = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const text = `${JSON.stringify({ interleaveCheckpoint: VERSION, programs }, null, 2)}\n`;
  writeAtomically(path.resolve(root, rel), rel, text);
}
