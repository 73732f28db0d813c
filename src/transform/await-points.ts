import { parse, type Node } from 'acorn';
import { decode, encode } from '@jridgewell/sourcemap-codec';
import MagicString from 'magic-string';

/*
 * A plain `await` on a settled promise continues after one microtask, and in Node another async
 * function's continuation may run in that gap. The explorer cannot see the gap (V8 has no hook to
 * delay a native await's continuation), so programs it loads are rewritten: every `await X`
 * becomes `await globalThis.__interleaveAwait(X)`, which under an exploration is a switch point
 * once X settles (primitives/await-point.ts) and elsewhere returns X unchanged. `for await` is
 * left as it is. Pure: source text in, source text and a source map out.
 */

/** The one global the rewritten code calls; primitives/await-point.ts defines it under this name. */
const AWAIT_GLOBAL = '__interleaveAwait';

/**
 * Prepended to each rewritten module: makes the call an identity where the library is not loaded
 * (a test file that never imports it); the library's own definition replaces it when loaded.
 */
const PRELUDE = `globalThis.${AWAIT_GLOBAL}??=(x)=>x;`;

export interface Rewritten {
  readonly code: string;
  /** A v3 source map (JSON text) from the rewritten code to the input; made when first read. */
  readonly map: string;
  /** What was inserted where in the input (offsets), in order: see shiftInlineMap. */
  readonly inserted: readonly Insertion[];
}

export interface Insertion {
  readonly at: number;
  readonly length: number;
}

/** Whether the file is one of the program's own (not a dependency, not this library). */
export function shouldRewrite(file: string): boolean {
  const f = file.replaceAll('\\', '/').replace(/[?#].*$/, '');
  if (f.includes('/node_modules/') || !/\.(?:[cm]?js|[cm]?tsx?)$/.test(f)) return false;
  return !f.includes(LIBRARY_ROOT);
}

/** This library's own files (its src/ when run from a checkout, dist/ when installed). */
const LIBRARY_ROOT = new URL('../', import.meta.url).pathname;

/**
 * Rewrite `source` (JavaScript, an ES module or a script), or return null when it has no `await`
 * to rewrite (or does not parse: Node will report that itself, with its own message).
 */
export function rewriteAwaits(source: string, file = 'input.js'): Rewritten | null {
  if (!source.includes('await')) return null;
  const program = parseModule(source);
  if (program === null) return null;
  const s = new MagicString(source);
  const inserted: Insertion[] = [];
  const insert = (at: number, text: string, left: boolean): void => {
    if (left) s.appendLeft(at, text);
    else s.prependRight(at, text);
    inserted.push({ at, length: text.length });
  };
  walk(program, (node) => {
    if (node.type !== 'AwaitExpression') return;
    const arg = (node as unknown as { argument: Node }).argument;
    insert(arg.start, `globalThis.${AWAIT_GLOBAL}(`, true);
    insert(arg.end, ')', false);
  });
  if (inserted.length === 0) return null;
  const preludeAtOffset = preludeAt(source, program);
  s.prependLeft(preludeAtOffset, PRELUDE);
  inserted.push({ at: preludeAtOffset, length: PRELUDE.length });
  inserted.sort((a, b) => a.at - b.at);
  return {
    code: s.toString(),
    // Only the Vitest plugin reads it; the Node hook shifts the input's own map (shiftInlineMap).
    get map(): string {
      return s.generateMap({ source: file, includeContent: true, hires: 'boundary' }).toString();
    },
    inserted,
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

const INLINE_MAP = /\n\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

/**
 * The input's own inline source map (tsx's, back to the TypeScript), moved to the rewritten code:
 * the rewrite keeps lines but shifts columns, and a stack trace's line is read through that map, so
 * without this every line a report names would be wrong. Returns the code with the map replaced.
 */
export function shiftInlineMap(source: string, rewritten: Rewritten): string {
  const found = INLINE_MAP.exec(rewritten.code);
  if (found === null) return rewritten.code;
  const map = JSON.parse(Buffer.from(found[1]!, 'base64').toString('utf8')) as { mappings: string };
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lines = decode(map.mappings);
  lines.forEach((segments, line) => {
    const start = lineStarts[line] ?? source.length;
    const before = insertedUpTo(rewritten.inserted, start - 1); // the same for the whole line
    for (const seg of segments) seg[0] += insertedUpTo(rewritten.inserted, start + seg[0]) - before;
  });
  const shifted = Buffer.from(JSON.stringify({ ...map, mappings: encode(lines) })).toString('base64');
  return (
    rewritten.code.slice(0, found.index) + `\n//# sourceMappingURL=data:application/json;base64,${shifted}\n`
  );
}

/** Characters inserted at offsets up to and including `offset`. */
function insertedUpTo(inserted: readonly Insertion[], offset: number): number {
  let n = 0;
  for (const i of inserted) {
    if (i.at > offset) break;
    n += i.length;
  }
  return n;
}
