import { describe, expect, it } from 'vitest';
import { decode } from '@jridgewell/sourcemap-codec';
import { rewriteAwaits, shiftInlineMap, shouldRewrite } from '../../src/transform/await-points.js';

const AW = 'globalThis.__interleaveAwait';
const code = (src: string): string | undefined => rewriteAwaits(src)?.code;

describe('rewriteAwaits', () => {
  it('should wrap the operand of every await, in nested functions and arrow functions', () => {
    const out = code('async function f() { const g = async () => await a; return await g(); }');
    expect(out).toContain(`async () => await ${AW}(a)`);
    expect(out).toContain(`return await ${AW}(g())`);
  });

  it('should wrap awaits inside expressions and inside another await', () => {
    expect(code('async function f() { return (await a) + await h(1, await k); }')).toContain(
      `(await ${AW}(a)) + await ${AW}(h(1, await ${AW}(k)))`,
    );
  });

  it('should leave for await alone and rewrite the awaits in its body', () => {
    const out = code('async function f(y) { for await (const x of y) { await x; } }')!;
    expect(out).toContain('for await (const x of y)');
    expect(out).toContain(`await ${AW}(x);`);
  });

  it('should not touch "await" in comments and strings', () => {
    expect(rewriteAwaits('const s = "await x"; // await y\n/* await z */')).toBeNull();
  });

  it('should keep every line where it was, after a #! line and a "use strict" prologue', () => {
    const src = '#!/usr/bin/env node\n"use strict";\nasync function f() {\n  await a;\n}\n';
    const out = code(src)!;
    expect(out.split('\n')).toHaveLength(src.split('\n').length);
    expect(out.split('\n')[1]).toMatch(/^"use strict";globalThis\.__interleaveAwait\?\?=/);
    expect(out.split('\n')[3]).toBe(`  await ${AW}(a);`);
  });

  it('should rewrite top-level await in a module', () => {
    expect(code('const x = await load();')).toContain(`await ${AW}(load())`);
  });

  it('should rewrite the JavaScript compiled from TypeScript (check.test.ts loads it through tsx)', async () => {
    const ts = (await import('typescript')).default;
    const src =
      'async function f(n: number): Promise<number> { const b = await g<number>(n); return b as number; }';
    const js = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
    expect(code(js)).toContain(`await ${AW}(g(n))`);
  });

  it('should give a source map back to the input', () => {
    const map = JSON.parse(rewriteAwaits('async () => await a;', 'x.js')!.map) as { sources: string[] };
    expect(map.sources).toEqual(['x.js']);
  });

  it('should return null for a file that does not parse (Node reports it)', () => {
    expect(rewriteAwaits('await (')).toBeNull();
  });
});

describe('shiftInlineMap', () => {
  it("should move the input's inline map segments right by what was inserted before them on their line", () => {
    // One segment per line at column 0 and one at `b`'s column on line 2 (`x;\n  await b;`).
    const map = { version: 3, sources: ['a.ts'], names: [], mappings: 'AAAA;AACA,QAAQ' };
    const inline = Buffer.from(JSON.stringify(map)).toString('base64');
    const src = `x;\n  await b;\n//# sourceMappingURL=data:application/json;base64,${inline}\n`;
    const out = shiftInlineMap(src, rewriteAwaits(src)!);
    const shifted = JSON.parse(Buffer.from(/base64,(\S+)/.exec(out)![1]!, 'base64').toString('utf8')) as {
      mappings: string;
    };
    const prelude = 'globalThis.__interleaveAwait??=(x)=>x;'.length;
    const lines = decode(shifted.mappings);
    expect(lines[0]![0]![0]).toBe(prelude);
    expect(lines[1]!.map((seg) => seg[0])).toEqual([0, 8 + `${AW}(`.length]);
  });
});

describe('shouldRewrite', () => {
  it("should rewrite a program's files and not dependencies or the library's own", () => {
    expect(shouldRewrite('file:///repo/test/x.ts')).toBe(true);
    expect(shouldRewrite('/repo/lib/x.mjs?v=1')).toBe(true);
    expect(shouldRewrite('/repo/node_modules/dep/x.js')).toBe(false);
    expect(shouldRewrite('/repo/styles/x.css')).toBe(false);
    expect(shouldRewrite(new URL('../../src/primitives/chan.ts', import.meta.url).href)).toBe(false);
  });
});
