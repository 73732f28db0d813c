import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportCommand } from '../../src/cli/report-command.js';
import { encodeReplay, recipeOf, stringifyTrace } from '../../src/explore/trace.js';
import { ROOT } from '../cli/run.js';
import { deadlock, deadlockEvents, traceOf } from './samples.js';

describe('interleave report', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'interleave-report-'));
  let stdout: string;
  let stderr: string;
  beforeEach(() => {
    stdout = '';
    stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const traceFile = (name: string, trace = traceOf(deadlockEvents, deadlock)): string => {
    const file = path.join(dir, name);
    writeFileSync(file, stringifyTrace(trace));
    return file;
  };

  it('should write the page next to a trace file, as .html, and print where', async () => {
    const file = traceFile('a.deadlock.trace.json');
    await expect(reportCommand([file], ROOT)).resolves.toBe(0);
    const out = path.join(dir, 'a.deadlock.trace.html');
    expect(readFileSync(out, 'utf8')).toContain(
      '<h1>fatal error: all goroutines are asleep - deadlock!</h1>',
    );
    expect(stdout).toBe(`${path.relative(ROOT, out)}\n`);
    expect(stderr).toBe('');
  });

  it('should write where -o or --out says', async () => {
    const file = traceFile('b.trace.json');
    const out = path.join(dir, 'sub', 'page.html');
    await expect(reportCommand([file, '-o', out], ROOT)).resolves.toBe(0);
    expect(existsSync(out)).toBe(true);
    await expect(reportCommand(['--out', path.join(dir, 'other.html'), file], ROOT)).resolves.toBe(0);
    expect(existsSync(path.join(dir, 'other.html'))).toBe(true);
  });

  it('should re-run a replay string in a worker and write reports/<program>.<kind>.html', async () => {
    // The deadlock fixture needs no choices: main and the sender block whatever the order.
    const trace = traceOf([], null, { file: 'test/cli/fixtures/deadlock.ts', export: 'main' });
    const replay = encodeReplay({ ...recipeOf(trace), choices: [] });
    const out = path.join(dir, 'from-replay.html');
    await expect(reportCommand([replay, '-o', out], ROOT)).resolves.toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('<h1>fatal error: all goroutines are asleep - deadlock!</h1>');
    expect(page).toContain('<div class="tname">sender</div>');
    expect(stderr).toContain('interleave: replaying test/cli/fixtures/deadlock.ts#main');
    // Without --out: under reports/, named as check names trace files.
    await expect(reportCommand([replay], ROOT)).resolves.toBe(0);
    expect(stdout).toContain('reports/test-cli-fixtures-deadlock.ts.main.deadlock.html\n');
    expect(existsSync(path.join(ROOT, 'reports/test-cli-fixtures-deadlock.ts.main.deadlock.html'))).toBe(
      true,
    );
  });

  it('should exit 2 with a clear message on bad usage, a missing file or a corrupt trace', async () => {
    await expect(reportCommand([], ROOT)).resolves.toBe(2);
    expect(stderr).toContain('interleave report: which trace? give a trace file');
    expect(stderr).toContain('usage: interleave report <trace file or replay string> [-o|--out FILE]');
    stderr = '';
    await expect(reportCommand(['nope.trace.json'], ROOT)).resolves.toBe(2);
    expect(stderr).toBe(
      "interleave report: no such trace file, and not a replay string ('il1.…'): nope.trace.json\n",
    );
    stderr = '';
    const bad = path.join(dir, 'bad.trace.json');
    writeFileSync(bad, '{"format": "interleave-trace", "version": 99}');
    await expect(reportCommand([bad], ROOT)).resolves.toBe(2);
    expect(stderr).toMatch(/^interleave report: trace file .*bad\.trace\.json has format version 99/);
    stderr = '';
    await expect(reportCommand(['il1.abc'], ROOT)).resolves.toBe(2);
    expect(stderr).toContain('corrupt replay string');
    stderr = '';
    await expect(reportCommand(['x', '--bogus'], ROOT)).resolves.toBe(2);
    expect(stderr).toContain("interleave report: unknown option '--bogus'");
  });

  it('should refuse to re-run a trace without events that does not name its program', async () => {
    const file = traceFile('c.trace.json', traceOf([], deadlock, null));
    await expect(reportCommand([file], ROOT)).resolves.toBe(2);
    expect(stderr).toContain('this trace does not say which program it came from');
  });
});
