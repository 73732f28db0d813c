import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { CliError } from './usage.js';

/*
 * Files and paths that come from the user, checked at the edge: a folder, a FIFO, a device, a
 * missing file or one too large is refused in one line that names it and says what to give
 * instead, before anything opens it (reading a FIFO waits forever; /dev/zero never ends).
 */

/** What stat says about a path, or why it cannot (missing, a symlink loop, a name too long). */
export function statOf(abs: string): Stats | { readonly error: string } {
  try {
    return statSync(abs);
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (code === 'ELOOP') return { error: 'a symlink loop' };
    if (code === 'EACCES' || code === 'EPERM') return { error: 'not readable (permission denied)' };
    if (code === 'ENAMETOOLONG') return { error: 'a name too long for a path' };
    if (code === 'ENOTDIR') return { error: 'under something that is not a folder' };
    return { error: 'no such file or folder' };
  }
}

/**
 * Read a regular file of at most `maxBytes`, as UTF-8. `shown` is how messages name it, `what` what
 * it should be (`a trace file`), `fix` what to do instead.
 */
export function readInputFile(
  abs: string,
  shown: string,
  what: string,
  maxBytes: number,
  fix: string,
): string {
  const st = statOf(abs);
  if ('error' in st) throw new CliError(`${shown}: ${st.error}; ${fix}`);
  if (st.isDirectory()) throw new CliError(`${shown} is a folder, not ${what}; ${fix}`);
  if (!st.isFile()) {
    throw new CliError(`${shown} is not a regular file (a FIFO, a device or a socket), not ${what}; ${fix}`);
  }
  if (st.size > maxBytes) {
    throw new CliError(
      `${shown} is too large for ${what} (${st.size} bytes; at most ${maxBytes} are read); ${fix}`,
    );
  }
  try {
    return readFileSync(abs, 'utf8');
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new CliError(`cannot read ${shown} (${why}); ${fix}`);
  }
}

/**
 * Check, before a long exploration, that an output file can be written there: not a folder, and no
 * file where a folder of its path should be. Returns the problem, or null.
 */
export function unwritable(abs: string, shown: string): string | null {
  const st = statOf(abs);
  if (!('error' in st) && st.isDirectory()) return `${shown} is a folder; name a file`;
  for (let dir = path.dirname(abs); ; dir = path.dirname(dir)) {
    const d = statOf(dir);
    if (!('error' in d)) {
      if (d.isDirectory()) return null;
      const rel = path.relative(process.cwd(), dir);
      const name = rel === '' || rel.startsWith('..') ? dir : rel;
      return `${name} is a file, not a folder; move it away or write elsewhere`;
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** Remove a temporary file if it is there (after a failed write), never throwing. */
export function removeQuietly(abs: string): void {
  try {
    rmSync(abs, { force: true });
  } catch {
    // Nothing more can be done; the caller reports the write's own failure.
  }
}

/** The folder of the nearest package.json at or above `cwd`; `cwd` itself if there is none. */
export function projectRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

/** Whether `file` (resolved, symlinks followed) lies inside `folder`. */
export function isInside(file: string, folder: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const rel = path.relative(real(folder), real(file));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Write a file atomically (a reader never sees half of it): a temporary file beside it, renamed over
 * it; on failure the temporary file is removed and the refusal names the file and why.
 */
export function writeAtomically(abs: string, shown: string, text: string): void {
  const problem = unwritable(abs, shown);
  if (problem) throw new CliError(`cannot write ${shown}: ${problem}`);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, abs);
  } catch (e) {
    removeQuietly(tmp);
    const code = (e as { code?: unknown } | null)?.code;
    const why = typeof code === 'string' ? code : e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new CliError(`cannot write ${shown} (${why})`);
  }
}
