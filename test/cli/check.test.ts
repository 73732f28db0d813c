import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTrace } from '../../src/explore/trace.js';
import { cli, fixture, parseReport, ROOT, traced } from './run.js';

const FAILING = [fixture('deadlock.ts'), fixture('leak.ts'), fixture('panic.ts')];
const json = (...args: string[]) => cli('check', ...args, '--runs', '20', '--seed', '7', '--json');

describe('interleave check', () => {
  it('should exit 0 and say ok for a clean program', () => {
    const r = cli('check', fixture('clean.ts'), '--runs', '10');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ok    test/cli/fixtures/clean.ts#pingPong (10 runs)');
    expect(r.stdout).toContain('1 program in 1 file: 1 clean');
  });

  it('should print one JSON object, byte-identical for the same seed, and write the traces', () => {
    const first = json(...FAILING);
    const second = json(...FAILING);
    expect(first.status).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    const doc = parseReport(first.stdout);
    expect(Object.keys(doc)).toEqual(['version', 'programs']);
    expect(doc.version).toBe(1);
    expect(doc.programs.map((p) => [p.file, p.name, p.findings.map((f) => f.kind)])).toEqual([
      ['test/cli/fixtures/deadlock.ts', 'main', ['deadlock']],
      ['test/cli/fixtures/leak.ts', 'firstOfTwo', ['leak']],
      ['test/cli/fixtures/panic.ts', 'closeEarly', ['panic']],
    ]);
    for (const p of doc.programs) {
      expect(Object.keys(p)).toEqual(['file', 'name', 'runs', 'complete', 'findings']);
      const f = p.findings[0]!;
      expect(Object.keys(f)).toEqual(['kind', 'message', 'replay', 'trace', 'run']);
      expect(f.replay).toMatch(/^il1\.[A-Za-z0-9_-]+$/);
      expect(f.trace).toBe(`reports/${p.file.split('/').join('-')}.${p.name}.${f.kind}.trace.json`);
      const trace = parseTrace(readFileSync(path.join(ROOT, traced(f).trace), 'utf8'));
      expect(trace.program).toEqual({ file: p.file, export: p.name });
      expect(trace.finding?.kind).toBe(f.kind);
    }
    expect(first.stdout).not.toContain(ROOT);
    expect(doc.programs[0]!.findings[0]!.message).toBe('fatal error: all goroutines are asleep - deadlock!');
  });

  it('should print the verdict, the goroutine dump, the interleaving and the replay command', () => {
    const r = cli('check', fixture('deadlock.ts'), '--runs', '5');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAIL  test/cli/fixtures/deadlock.ts#main: deadlock (found in run 0)');
    expect(r.stdout).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(r.stdout).toContain('goroutine 2 (sender) [chan send]:\n\ttest/cli/fixtures/deadlock.ts:8\n');
    expect(r.stdout).toContain('created by main (task 1) at test/cli/fixtures/deadlock.ts:7');
    expect(r.stdout).toMatch(/step {2}task 1 \(main\) +task 2 \(sender\)/);
    expect(r.stdout).toMatch(/replay: npx interleave replay 'il1\.[A-Za-z0-9_-]+'/);
    expect(r.stdout).toContain('trace:  reports/test-cli-fixtures-deadlock.ts.main.deadlock.trace.json');
    expect(r.stderr).toContain('interleave: test/cli/fixtures/deadlock.ts#main: deadlock');
  });

  it('should stop a synchronous infinite loop with the watchdog and report an error finding', () => {
    const r = cli('check', fixture('spin.ts'), '--timeout', '1', '--json');
    expect(r.status).toBe(1);
    const f = parseReport(r.stdout).programs[0]!.findings[0]!;
    expect(f.kind).toBe('error');
    expect(f.message).toBe(
      'error: the program did not yield for 1 s: likely an infinite loop (synchronous, or of plain awaits)',
    );
    expect(f.replay).toBeNull();
  });

  describe('bad usage and unloadable files (exit 2)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'interleave-cli-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('should name a file with a syntax error and why', () => {
      writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
      const broken = path.join(dir, 'broken.ts');
      writeFileSync(
        broken,
        "import { program } from 'interleave';\nexport const p = program(() => { const x = ; });\n",
      );
      // A top level that throws a value with no prototype: its loader must still say what it threw.
      const hostile = path.join(dir, 'hostile.ts');
      writeFileSync(
        hostile,
        "import { program } from 'interleave';\nexport const p = program(async () => {});\nthrow Object.create(null);\n",
      );
      const r = cli('check', broken, hostile, fixture('clean.ts'), '--runs', '2');
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/interleave: cannot load .*broken\.ts: .*Unexpected ";"/);
      expect(r.stderr).toMatch(/interleave: cannot load .*hostile\.ts: \[Object: null prototype\]\n/);
      expect(r.stdout).toContain('ok    test/cli/fixtures/clean.ts#pingPong');
    });

    // The parser's other refusals are unit-tested in args.test.ts; these go through the real binary.
    it.each([
      [['check', fixture('clean.ts'), '--bogus'], "unknown option '--bogus'"],
      [['check', fixture('clean.ts'), '--runs', 'many'], "--runs must be an integer ≥ 1, got 'many'"],
      [['check', 'test/cli/fixtures/missing.ts'], 'no such file or folder: test/cli/fixtures/missing.ts'],
    ])('should refuse %j with a one-line hint', (args, message) => {
      const r = cli(...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines[0]).toContain(message);
      expect(lines[1]).toMatch(/^usage: interleave check/);
    });
  });

  it('should print help', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('interleave check <files or folders> [options]');
    expect(r.stdout).toContain('interleave replay <trace file or replay string> [--continue]');
  });

  it('should explore every program of a folder, skipping test files, in export-name order', () => {
    expect(existsSync(path.join(ROOT, fixture('nested/inner.test.mts')))).toBe(true);
    const r = cli('check', fixture('nested'), '--runs', '3', '--json');
    expect(r.status).toBe(0);
    expect(parseReport(r.stdout).programs.map((p) => `${p.file}#${p.name}`)).toEqual([
      'test/cli/fixtures/nested/inner.ts#a',
      'test/cli/fixtures/nested/inner.ts#b',
    ]);
    // What a program prints is not echoed once per run (main.test.ts: shown with a finding, or --verbose).
    expect(r.stderr).not.toContain('hello from a');
  });
});
