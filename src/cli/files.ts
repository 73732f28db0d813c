import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './usage.js';

const SOURCE = /\.(?:ts|mts|js|mjs)$/;
const SKIPPED = /\.(?:test|spec)\.[cm]?[jt]s$|\.d\.[cm]?ts$/;

/**
 * The source files to check, repo-relative with `/`, sorted. A file named on the command line is
 * taken as is; folders are searched recursively for sources, skipping node_modules, dotfiles and
 * test files. A path that does not exist is a usage error.
 */
export function findSources(paths: readonly string[], root: string): string[] {
  const found = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(root, p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      throw new UsageError(`no such file or folder: ${p}`);
    }
    if (isDir) walk(abs, found);
    else found.add(abs);
  }
  return [...found].map((f) => repoRelative(f, root)).sort(compare);
}

function walk(dir: string, found: Set<string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (entry.isFile() && SOURCE.test(entry.name) && !SKIPPED.test(entry.name)) found.add(full);
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
