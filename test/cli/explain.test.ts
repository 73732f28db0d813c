import { describe, expect, it } from 'vitest';
import type { JsonFinding } from '../../src/cli/output.js';
import { cli, fixture, parseReport, traced } from './run.js';

/* `interleave explain` and `interleave replay --break-at`, on traces written by a check. */

const traces = (() => {
  const files = ['deadlock.ts', 'leak.ts', 'panic.ts', 'spinner.ts'].map(fixture);
  // Traces of its own: other test files write the same fixtures' traces under reports/ meanwhile.
  const r = cli(
    'check',
    ...files,
    '--runs',
    '20',
    '--seed',
    '7',
    '--json',
    '--reports-dir',
    'reports/explain-test',
  );
  const found = new Map<string, JsonFinding>();
  for (const p of parseReport(r.stdout).programs) found.set(p.findings[0]!.kind, p.findings[0]!);
  return found;
})();
const trace = (kind: string): string => traced(traces.get(kind)).trace;

describe('interleave explain', () => {
  it('should say why no task can move in a deadlock', () => {
    const r = cli('explain', trace('deadlock'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('deadlock in test/cli/fixtures/deadlock.ts#main at step 4');
    expect(r.stdout).toContain(
      'task 2 (sender) waits to send on chan#2 (at test/cli/fixtures/deadlock.ts:8); nobody receives from chan#2: ' +
        'task 1 (main) waits to receive from chan#1 (at test/cli/fixtures/deadlock.ts:10)',
    );
  });

  it('should name the leaked task, what it waits for, and who left', () => {
    const r = cli('explain', trace('leak'));
    expect(r.stdout).toMatch(/Main returned at step \d+\./);
    expect(r.stdout).toMatch(
      /task 3 \(slow\) waits to send on chan#1 \(at test\/cli\/fixtures\/leak\.ts:10\); nobody receives from chan#1: no other task is left\. Earlier, task 1 \(main\) received 'fast' from chan#1 at step \d+ and returned at step \d+/,
    );
  });

  it('should say who closed the channel a panicking send used, and when', () => {
    const r = cli('explain', trace('panic'));
    expect(r.stdout).toContain(
      'task 2 (late) panicked at test/cli/fixtures/panic.ts:9: send on closed channel.',
    );
    expect(r.stdout).toMatch(
      /chan#1 was closed by task 1 \(main\) at step 2 \(at test\/cli\/fixtures\/panic\.ts:12\), before task 2 \(late\) sent on it at step \d+\./,
    );
  });

  it('should describe a livelock, and explain a replay string by replaying it', () => {
    const r = cli('explain', traced(traces.get('livelock')).replay);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'At step 40 the run had not finished, and none of its tasks was making progress.',
    );
    expect(r.stdout).toContain('Tasks still alive:');
    expect(r.stderr).toContain('interleave: replaying test/cli/fixtures/spinner.ts#spinning');
  });
});

describe('interleave replay --break-at', () => {
  it('should refuse a step past the end of the trace (other refusals: args.test.ts)', () => {
    const past = cli('replay', trace('deadlock'), '--break-at', '99');
    expect(past.status).toBe(2);
    expect(past.stderr).toContain(
      '--break-at 99 is past the end of this schedule, which has 4 steps; give 1 to 4',
    );
  });

  it('should replay with the break point set and say how to attach a debugger', () => {
    const r = cli('replay', trace('deadlock'), '--break-at', '2');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^fatal error: all goroutines are asleep - deadlock!\n/);
    expect(r.stderr).toContain('a `debugger`\n  statement runs just before step 2');
    expect(r.stderr).toContain(
      `node --inspect-brk bin/interleave.js replay ${trace('deadlock')} --break-at 2`,
    );
  });
});
