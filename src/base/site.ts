import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Source sites (`examples/seed/tee.ts:42`) for events and dumps. Only captured while recording a
 * replay, never on the exploration path: a stack capture costs microseconds.
 */
const ownRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/*
 * The runtime's folders: where this module runs from (src/ under a TypeScript loader, dist/ once
 * compiled), and src/ again for the compiled code, whose frames a source map (tsx enables them when
 * it loads a user's .ts program) reports at their src/ paths.
 */
const roots = [ownRoot, path.join(path.dirname(ownRoot), 'src')];
const machinery = roots.flatMap((r) =>
  ['base', 'strategies', 'runtime', 'host', 'free', 'explore', 'checker', 'primitives'].map(
    (d) => path.join(r, d) + path.sep,
  ),
);
const TEST_FILE = /\.test\.[cm]?[jt]s$/;
const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):\d+\)?$/;

let root = process.cwd();
/** Sites are printed relative to this folder (the repository root; the CLI sets it). */
export function setSiteRoot(dir: string): void {
  root = dir;
}

function isMachinery(file: string): boolean {
  if (file.startsWith('node:') || file.includes('/node_modules/')) return true;
  // The runtime's own tests sit beside it and are user code as far as sites go.
  return !TEST_FILE.test(file) && machinery.some((m) => file.startsWith(m));
}

/** The first stack frame outside interleave's runtime, as `relative/path.ts:line`. */
export function captureSite(): string | null {
  const stack = new Error().stack;
  if (!stack) return null;
  const lines = stack.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const m = FRAME.exec(lines[i]!.trim());
    if (!m) continue;
    let file = m[1]!;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (isMachinery(file) || !path.isAbsolute(file)) continue;
    return `${path.relative(root, file).split(path.sep).join('/')}:${m[2]}`;
  }
  return null;
}

/**
 * The frames of an error's stack that are the user's (not interleave's runtime, Node's internals or
 * node_modules), as Go prints a goroutine's frames: `function()` then a tab and `file:line`.
 */
export function userStack(stack: string): string {
  const out: string[] = [];
  for (const raw of stack.split('\n').slice(1)) {
    const line = raw.trim();
    const m = FRAME.exec(line);
    if (!m) continue;
    let file = m[1]!;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (isMachinery(file) || !path.isAbsolute(file)) continue;
    const fn = /^at (?:async )?([^\s(]+) \(/.exec(line)?.[1] ?? 'anonymous';
    out.push(`${fn}()\n\t${path.relative(root, file).split(path.sep).join('/')}:${m[2]}`);
  }
  return out.join('\n');
}
