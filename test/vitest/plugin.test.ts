import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeReplay, parseTrace } from 'interleave';
import { vitest } from './run.js';

/*
 * The plugin in real Vitest runs: a failing itExplores test fails its suite, so each scenario runs
 * a fixture file in a child Vitest and reads its JSON report, its output and the files it wrote.
 */
const dirs: string[] = [];
function reportsDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'interleave-vitest-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const savedFiles = (reports: string): string[] => {
  const dir = path.join(reports, '.interleave');
  return existsSync(dir) ? readdirSync(dir) : [];
};
const REPLAY_LINE = /replay: INTERLEAVE_REPLAY='(il1\.[A-Za-z0-9_-]+)' npx vitest run '([^']+)' -t '([^']+)'/;
const LIFECYCLE = 'first of two senders wins';

describe.concurrent('interleave/vitest in a real Vitest run', () => {
  it('should fail a test with a finding, replay its saved schedule first, warn on divergence, and forget it once fixed', async () => {
    const reports = reportsDir();

    // 1. The bug is found: the failure has the verdict, the dump, the interleaving, the trace and the replay line.
    const first = await vitest('lifecycle.fixture.ts', reports);
    expect(first.code).toBe(1);
    const failed = first.tests.get(LIFECYCLE)!;
    expect(failed.status).toBe('failed');
    const msg = failed.message;
    expect(msg).toContain('interleave: leak found in run 0 of 1, counted from 0 (seed 7, strategy random)');
    expect(msg).toContain('leak: 1 task blocked forever after main returned');
    expect(msg).toMatch(
      /goroutine \d \(sender [ab]\) \[chan send\]:\n\ttest\/vitest\/fixtures\/lifecycle\.fixture\.ts:\d+/,
    );
    expect(msg).toMatch(/step {2}task 1 \(main\) +task 2 \(sender a\) +task 3 \(sender b\)/);
    const traceFile = path.join(
      reports,
      'test-vitest-fixtures-lifecycle.fixture.ts.first-of-two-senders-wins.leak.trace.json',
    );
    expect(msg).toContain(`trace:  ${traceFile}`);
    expect(parseTrace(readFileSync(traceFile, 'utf8')).finding?.kind).toBe('leak');
    const [, replayString, file, pattern] = REPLAY_LINE.exec(msg)!;
    expect(file).toBe('test/vitest/fixtures/lifecycle.fixture.ts');
    expect(pattern).toBe(`${LIFECYCLE}$`);
    expect(decodeReplay(replayString!).options.seed).toBe(7);
    expect(msg).not.toContain('npx interleave replay'); // a test body has no program locator
    expect(savedFiles(reports)).toEqual([
      expect.stringMatching(
        /^test-vitest-fixtures-lifecycle\.fixture\.ts\.first-of-two-senders-wins\.[0-9a-f]{10}\.json$/,
      ),
    ]);

    // 2. The next run replays the saved schedule first, and it still fails. 3. The replay line
    // reproduces it on its own. 5. A replay string from other code is refused with the divergence,
    // not silently explored. (These leave the saved schedule as it is, so they run side by side.)
    const [again, replayed, misfit] = await Promise.all([
      vitest('lifecycle.fixture.ts', reports),
      vitest('lifecycle.fixture.ts', reports, { INTERLEAVE_REPLAY: replayString! }, '-t', pattern!),
      vitest('lifecycle.fixture.ts', reports, {
        INTERLEAVE_REPLAY: replayString!,
        FIXTURE_VARIANT: 'changed',
      }),
    ]);
    expect(again.code).toBe(1);
    expect(again.tests.get(LIFECYCLE)!.message).toContain(
      'interleave: leak, replaying the schedule this test failed with last time',
    );
    expect(replayed.tests.get(LIFECYCLE)!.message).toContain(
      'interleave: leak, replaying the schedule given by INTERLEAVE_REPLAY',
    );
    expect(misfit.tests.get(LIFECYCLE)!.message).toContain(
      "INTERLEAVE_REPLAY does not fit the test 'first of two senders wins': replay diverged",
    );

    // 4. The code changed: the saved schedule diverges, which warns and explores as usual (still buggy here).
    const changed = await vitest('lifecycle.fixture.ts', reports, { FIXTURE_VARIANT: 'changed' });
    expect(changed.stderr).toContain(`the failing schedule saved for '${LIFECYCLE}'`);
    expect(changed.stderr).toContain(
      'no longer fits the code, so it was not replayed: replay diverged at step',
    );
    expect(changed.tests.get(LIFECYCLE)!.message).toContain(
      'interleave: leak found in run 0 of 1, counted from 0',
    );
    const changedReplay = REPLAY_LINE.exec(changed.tests.get(LIFECYCLE)!.message)![1]!;
    expect(changedReplay).not.toBe(replayString);

    // 6. Fixed: the test passes (divergence alone never fails it) and its saved schedule is deleted.
    const fixed = await vitest('lifecycle.fixture.ts', reports, { FIXTURE_VARIANT: 'fixed' });
    expect(fixed.code).toBe(0);
    expect(fixed.tests.get(LIFECYCLE)!.status).toBe('passed');
    expect(savedFiles(reports)).toEqual([]);
  });

  it('should queue the explorations of concurrent tests and attribute each finding to its own test', async () => {
    const reports = reportsDir();
    const run = await vitest('concurrent.fixture.ts', reports);
    expect(run.code).toBe(1);
    const status = Object.fromEntries([...run.tests].map(([name, t]) => [name, t.status]));
    expect(status).toEqual({
      'concurrent deadlocks': 'failed',
      'concurrent leaks': 'failed',
      'concurrent ping-pong is clean': 'passed',
      'concurrent explore fixture and matchers': 'passed',
    });
    const deadlock = run.tests.get('concurrent deadlocks')!.message;
    const leak = run.tests.get('concurrent leaks')!.message;
    expect(deadlock).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(deadlock).not.toContain('leak');
    expect(leak).toContain('blocked forever: task 3 (other sender)');
    expect(leak).not.toContain('deadlock');
    expect(REPLAY_LINE.exec(deadlock)![3]).toBe('concurrent deadlocks$');
    expect(savedFiles(reports)).toHaveLength(2);
  });
});
