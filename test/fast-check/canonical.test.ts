import { describe, expect, it } from 'vitest';
import { Schedule } from '../../src/fast-check/schedule.js';
import { ScheduleFailure } from 'interleave/fast-check';
import { counter } from './programs.js';

/** Runs `s` on the two-worker lost update; the replay string of its failure, or null if it passed. */
async function failureOf(s: Schedule): Promise<string | null> {
  try {
    await s.run(counter(2));
    return null;
  } catch (e) {
    if (e instanceof ScheduleFailure) return e.replay;
    throw e;
  }
}

describe('Schedule.canonical (what fast-check tries first when shrinking a schedule)', () => {
  it('should be null before a run', () => {
    expect(new Schedule([5, 9]).canonical()).toBeNull();
  });

  it('should read each choice modulo its options, drop unread choices, and fail the same way', async () => {
    const long = new Schedule([5, ...Array<number>(30).fill(6)]);
    const found = await failureOf(long);
    expect(found).not.toBeNull();
    const canonical = long.canonical()!;
    expect(canonical.length).toBeLessThan(long.choices.length);
    expect(canonical.every((c, i) => c <= long.choices[i]!)).toBe(true);
    // The same run: its replay string (the choices as the options they picked) is the same.
    expect(await failureOf(new Schedule(canonical))).toBe(found);
  });

  it('should be null for a schedule already canonical', async () => {
    const s = new Schedule([2, 0]);
    await expect(s.run(counter(2))).rejects.toThrow(ScheduleFailure);
    expect(s.canonical()).toBeNull();
  });
});
