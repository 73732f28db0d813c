import { describe, expect, it } from 'vitest';
import { cli, fixture, parseReport } from './run.js';

/*
 * Nothing may hang: a program that stops making progress without blocking on an interleave
 * operation ends `interleave check` with a finding (exit 1). The watchdog's bound is the smallest
 * --timeout that still lets a correct program answer; what is asserted is the finding, not a duration.
 */
describe('interleave check on programs that stop making progress', () => {
  const r = cli('check', fixture('stuck.ts'), '--runs', '5', '--seed', '3', '--timeout', '1', '--json');
  const byName = new Map(parseReport(r.stdout).programs.map((p) => [p.name, p]));
  const message = (name: string): string => byName.get(name)?.findings[0]?.message ?? 'no finding';

  it('should exit 1 with one finding per program', () => {
    expect(r.status).toBe(1);
    expect([...byName.keys()].sort()).toEqual([
      'awaitSilentApi',
      'microtaskLoop',
      'neverSettled',
      'queueOverSilentApi',
      'silentApiUnderLimit',
    ]);
  });

  it('should report external() work that only the outside world could settle as an outside await at its line', () => {
    expect(message('awaitSilentApi')).toBe(
      'outside await: task 2 (external) is waiting on something interleave does not control before its first operation (it was started at test/cli/fixtures/stuck.ts:24)',
    );
    expect(message('silentApiUnderLimit')).toMatch(/^outside await: task \d \(external\) is waiting/);
    expect(message('queueOverSilentApi')).toMatch(/^outside await: task \d \(external\) is waiting/);
  });

  it('should report a plain promise never settled as an outside await', () => {
    expect(message('neverSettled')).toBe(
      'outside await: task 1 (main) is waiting on something interleave does not control',
    );
  });

  it('should stop a loop of plain awaits with the watchdog', () => {
    expect(message('microtaskLoop')).toBe(
      'error: the program did not yield for 1 s: likely an infinite loop (synchronous, or of plain awaits)',
    );
  });
});
