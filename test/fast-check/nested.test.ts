import fc from 'fast-check';
import { schedule, ScheduleFailure } from 'interleave/fast-check';
import { expect, it } from 'vitest';

it('should report s.run called from inside another run as such, the same way on every replay', async () => {
  const [outer, inner] = fc.sample(schedule(), { numRuns: 2, seed: 1 });
  const error = await outer!
    .run(async () => {
      await inner!.run(async () => 1);
    })
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ScheduleFailure);
  const failure = error as ScheduleFailure;
  expect(failure.finding.kind).not.toBe('nondeterministic');
  expect(failure.message).toMatch(/^interleave found an error under schedule\(\[[\d,]+\]\)\n/);
  expect(failure.message).toContain('called explore() from inside a run');
});
