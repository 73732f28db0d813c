import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Fatal } from '../base/go-texts.js';

/**
 * How a free-mode program ends when tasks are left blocked (docs/free-mode.md, "How a program
 * ends"): Go ends a program when main returns, and Node ends one when its event loop is empty.
 */
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const indexTs = fileURLToPath(new URL('../index.ts', import.meta.url));

function runProgram(lines: readonly string[]): Promise<{ code: number; stderr: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'interleave-exit-'));
  const file = path.join(dir, 'program.mts');
  writeFileSync(
    file,
    [`import { chan, go, watchdog } from ${JSON.stringify(indexTs)};`, ...lines, ''].join('\n'),
  );
  return new Promise((resolve) => {
    execFile(process.execPath, [tsxCli, file], { cwd: dir, timeout: 600_000 }, (err, _out, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stderr });
    });
  });
}

describe.concurrent('free mode: how a program with blocked tasks ends', () => {
  it('with the watchdog, a program whose main returned exits 0 without a report, as Go does', async () => {
    const r = await runProgram([
      'watchdog();',
      'const c = chan<number>();',
      'go(async function sender() { await c.send(1); await c.send(2); });',
      'await c.recv();',
      "console.error('main returns');",
    ]);
    expect(r.stderr).not.toContain(Fatal.deadlock);
    expect(r.stderr).toContain('main returns');
    expect(r.code).toBe(0);
  });

  it('with the watchdog, a main blocked in an async function it did not await is a deadlock (exit 2)', async () => {
    const r = await runProgram([
      'watchdog();',
      'async function main() { await chan<void>().recv(); }',
      'void main();',
    ]);
    expect(r.stderr).toContain(`fatal error: ${Fatal.deadlock}`);
    expect(r.code).toBe(2);
  });

  it("without the watchdog, a top-level await that never settles exits 13, Node's code for it", async () => {
    const r = await runProgram(['await chan<void>().recv();']);
    expect(r.code).toBe(13);
  });

  it('without the watchdog, a program blocked outside a top-level await exits 0 without a word', async () => {
    const r = await runProgram(['async function main() { await chan<void>().recv(); }', 'void main();']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
