import { readdirSync, realpathSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { statOf } from './inputs.js';
import { UsageError } from './usage.js';

const SOURCE = /\.(?:ts|mts|js|mjs)$/;
const SKIPPED = /\.(?:test|spec)\.[cm]?[jt]s$|\.d\.[cm]?ts$/;

/** What a folder is searched for, as messages say it. */
export const SEARCHED =
  '.ts, .mts, .js and .mjs files, skipping node_modules, dotfiles, *.test.*, *.spec.* and *.d.ts';

/**
 * The source files to check, repo-relative with `/`, sorted. A file named on the command line is
 * taken as is if it is a source; folders are searched recursively for sources, skipping
 * node_modules, dotfiles and test files, and following symbolic links (a link back to a folder
 * already searched is not searched again, so a loop ends). A path that does not exist, or a file
 * that is not a source, is a usage error.
 */
export function findSources(paths: readonly string[], root: string): string[] {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  for (const p of paths) {
    if (p.trim() === '') throw new UsageError("an empty path: name a file or folder ('.' for this one)");
    const abs = path.resolve(root, p);
    const st = statOf(abs);
    if ('error' in st) {
      throw new UsageError(
        st.error === 'no such file or folder' ? `no such file or folder: ${p}` : `${p}: ${st.error}`,
      );
    }
    if (st.isDirectory()) walk(abs, found, seen);
    else if (!st.isFile()) throw new UsageError(`${p} is not a regular file or a folder (a FIFO, a device?)`);
    else if (!SOURCE.test(abs)) {
      throw new UsageError(`${p} is not a program file: interleave checks .ts, .mts, .js and .mjs files`);
    } else add(found, abs);
  }
  return [...found.values()].map((f) => repoRelative(f, root)).sort(compare);
}

/** One file once, however many links lead to it: by its real path, under the first name met. */
function add(found: Map<string, string>, file: string): void {
  let real = file;
  try {
    real = realpathSync(file);
  } catch {
    // A file that vanished meanwhile: its loader says so.
  }
  if (!found.has(real)) found.set(real, file);
}

function walk(dir: string, found: Map<string, string>, seen: Set<string>): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable: nothing found there
  }
  entries.sort((a, b) => compare(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Followed; a dangling link or a loop of links is skipped.
      const st = statOf(full);
      if ('error' in st) continue;
      isDir = st.isDirectory();
      isFile = st.isFile();
    }
    if (isDir) walk(full, found, seen);
    else if (isFile && SOURCE.test(entry.name) && !SKIPPED.test(entry.name)) add(found, full);
  }
}

/** `examples/seed/tee.ts`: relative to the root, with forward slashes on every platform. */
export function repoRelative(file: string, root: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
