import { parse, type Node } from 'acorn';
import MagicString from 'magic-string';

/*
 * A plain `await` on a settled promise continues after one microtask, and in Node another async
 * function's continuation may run in that gap. The explorer cannot see the gap (V8 has no hook to
 * delay a native await's continuation), so programs it loads are rewritten: every `await X`
 * becomes `await globalThis.__interleaveAwait(X)`, which under an exploration is a switch point
 * once X settles (primitives/await-point.ts) and elsewhere returns X unchanged. `for await` is
 * left as it is. Pure: source text in, source text and a source map out.
 */

/** The one global the rewritten code calls. */
export const AWAIT_GLOBAL = '__interleaveAwait';

/**
 * Prepended to each rewritten module: makes the call an identity where the library is not loaded
 * (a test file that never imports it); the library's own definition replaces it when loaded.
 */
const PRELUDE = `globalThis.${AWAIT_GLOBAL}??=(x)=>x;`;

export interface Rewritten {
  readonly code: string;
  /** A v3 source map (JSON text) from the rewritten code to the input. */
  readonly map: string;
}

/** Whether the file is one of the program's own (not a dependency, not this library). */
export function shouldRewrite(file: string): boolean {
  const f = file.replaceAll('\\', '/').replace(/[?#].*$/, '');
  if (f.includes('/node_modules/') || !/\.(?:[cm]?js|[cm]?tsx?)$/.test(f)) return false;
  return !isLibraryFile(f);
}

/** This library's own files (its src/ when run from a checkout, dist/ when installed). */
function isLibraryFile(f: string): boolean {
  return LIBRARY_ROOTS.some((root) => f.includes(root));
}

const LIBRARY_ROOTS = [new URL('../', import.meta.url).pathname];

/**
 * Rewrite `source` (JavaScript, an ES module or a script), or return null when it has no `await`
 * to rewrite (or does not parse: Node will report that itself, with its own message).
 */
export function rewriteAwaits(source: string, file = 'input.js'): Rewritten | null {
  if (!source.includes('await')) return null;
  const program = parseModule(source);
  if (program === null) return null;
  const s = new MagicString(source);
  let count = 0;
  walk(program, (node) => {
    if (node.type !== 'AwaitExpression') return;
    const arg = (node as unknown as { argument: Node }).argument;
    s.appendLeft(arg.start, `globalThis.${AWAIT_GLOBAL}(`);
    s.prependRight(arg.end, ')');
    count++;
  });
  if (count === 0) return null;
  s.prependLeft(preludeAt(source, program), PRELUDE);
  return {
    code: s.toString(),
    map: s.generateMap({ source: file, includeContent: true, hires: 'boundary' }).toString(),
  };
}

function parseModule(source: string): Node | null {
  for (const sourceType of ['module', 'script'] as const) {
    try {
      return parse(source, {
        ecmaVersion: 'latest',
        sourceType,
        allowHashBang: true,
        allowAwaitOutsideFunction: true,
        allowReturnOutsideFunction: sourceType === 'script',
      });
    } catch {
      // A CommonJS file may use what a module may not (a `with`, `return` at top level): try a script.
    }
  }
  return null;
}

/** After a `#!` line and the directive prologue ("use strict" must stay first to count). */
function preludeAt(source: string, program: Node): number {
  const body = (program as unknown as { body: (Node & { directive?: string })[] }).body;
  let at = 0;
  for (const stmt of body) {
    if (stmt.directive === undefined) break;
    at = stmt.end;
  }
  if (at === 0 && source.startsWith('#!')) {
    const eol = source.indexOf('\n');
    at = eol === -1 ? source.length : eol + 1;
  }
  return at;
}

/** Every node under `node`, parents first. */
function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) walk(v, visit);
    } else if (isNode(value)) walk(value, visit);
  }
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}
