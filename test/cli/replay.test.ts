import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonFinding } from '../../src/cli/output.js';
import type { Trace } from '../../src/explore/trace.js';
import { cli, fixture, parseReport, ROOT, traced, type TracedFinding } from './run.js';

describe('interleave replay', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'interleave-replay-'));
  const found = new Map<string, JsonFinding>();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    // Traces of its own: other test files write the same fixtures' traces under reports/ meanwhile.
    const r = cli(
      'check',
      fixture('deadlock.ts'),
      fixture('panic.ts'),
      '--runs',
      '20',
      '--json',
      '--reports-dir',
      'reports/replay-test',
    );
    expect(r.status).toBe(1);
    for (const p of parseReport(r.stdout).programs) found.set(p.file, p.findings[0]!);
  });
  const deadlock = (): TracedFinding => traced(found.get(fixture('deadlock.ts')));
  const panic = (): TracedFinding => traced(found.get(fixture('panic.ts')));
  /** The trace file as written (JSON of a Trace), not parseTrace's copy, to edit it byte for byte. */
  const traceFileOf = (f: TracedFinding): Trace =>
    JSON.parse(readFileSync(path.join(ROOT, f.trace), 'utf8')) as Trace;

  it('should reproduce a deadlock from its trace file', () => {
    const r = cli('replay', deadlock().trace);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^fatal error: all goroutines are asleep - deadlock!\n/);
    expect(r.stdout).toContain('goroutine 1 (main) [chan receive]:\n\ttest/cli/fixtures/deadlock.ts:10');
    expect(r.stdout).toContain(`replay: npx interleave replay '${deadlock().replay}'`);
    expect(r.stdout).toContain(`trace:  ${deadlock().trace}`);
    expect(deadlock().trace).toBe(
      'reports/replay-test/test-cli-fixtures-deadlock.ts.main.deadlock.trace.json',
    );
  });

  it('should reproduce a panic from its replay string', () => {
    const r = cli('replay', panic().replay);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^panic: send on closed channel\n/);
    expect(r.stdout).toContain('goroutine 2 (late) [running]:');
    expect(r.stdout).toContain(`replay: npx interleave replay '${panic().replay}'`);
    expect(r.stderr).toContain('interleave: replaying test/cli/fixtures/panic.ts#closeEarly');
  });

  it('should refuse a corrupt replay string', () => {
    const r = cli('replay', deadlock().replay.slice(0, 20));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'interleave: corrupt replay string: it does not decode (was it cut when pasted?)',
    );
  });

  it('should refuse a trace of a newer format version, saying which versions it reads', () => {
    const trace = traceFileOf(deadlock());
    const file = path.join(dir, 'v99.trace.json');
    writeFileSync(file, JSON.stringify({ ...trace, version: 99 }));
    const r = cli('replay', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /trace file .*v99\.trace\.json has format version 99; this interleave reads versions 1/,
    );
  });

  it('should refuse what is neither a trace file nor a replay string', () => {
    const r = cli('replay', 'reports/nothing-here.trace.json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no such trace file, and not a replay string ('il1.…'): reports/nothing-here");
  });

  it('should report a divergence (exit 2), and go on past it with --continue', () => {
    const trace = traceFileOf(deadlock());
    const choices = trace.choices.map((c, i) => (i === 0 ? { ...c, id: 'main/ghost' } : c));
    const file = path.join(dir, 'diverged.trace.json');
    writeFileSync(file, JSON.stringify({ ...trace, choices }));

    const stop = cli('replay', file);
    expect(stop.status).toBe(2);
    expect(stop.stderr).toMatch(
      /replay diverged at step \d+ \(choice 1\): the trace expected task 'main\/ghost'/,
    );

    const go = cli('replay', file, '--continue');
    expect(go.status).toBe(1);
    expect(go.stdout).toContain('continuing with a seeded random strategy (--continue)');
    expect(go.stdout).toContain('fatal error: all goroutines are asleep - deadlock!');
  });
});
