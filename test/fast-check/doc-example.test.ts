// The worked example of docs/fast-check.md, as a test: the output pasted there is what this prints.
import fc from 'fast-check';
import { decodeReplay, go, replay, WaitGroup, yield_ } from 'interleave';
import { schedule, ScheduleFailure } from 'interleave/fast-check';
import { expect, it } from 'vitest';

/** n workers add 1 to a counter: read it, yield, write it back. */
function count(n: number) {
  return async () => {
    let count = 0;
    const wg = new WaitGroup();
    for (let i = 0; i < n; i++) {
      wg.add(1);
      go(async () => {
        const seen = count;
        await yield_();
        count = seen + 1;
        wg.done();
      }, `worker${i}`);
    }
    await wg.wait();
    if (count !== n) throw new Error(`lost update: ${n} workers counted ${count}`);
  };
}

it('should fail as docs/fast-check.md shows: two workers, schedule([2,0]), the report and replay string', async () => {
  const property = fc.asyncProperty(fc.integer({ min: 1, max: 40 }), schedule(), async (n, s) => {
    await s.run(count(n));
  });
  const error = await fc.assert(property, { seed: 5 }).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error).not.toBeNull();
  const failure = error!.cause as ScheduleFailure;
  expect(failure).toBeInstanceOf(ScheduleFailure);
  expect(error!.message).toContain('{ seed: 5, path: "0:1:0:0:0:0:1:5:1:0", endOnFailure: true }');
  expect(error!.message).toContain(`Counterexample: [2,schedule([2,0]) (panic, replay: ${failure.replay})]`);
  expect(error!.message).toContain('Shrunk 9 time(s)');
  expect(failure.message.split('\n').slice(0, 4)).toEqual([
    'interleave found a panic under schedule([2,0])',
    '',
    'panic: lost update: 2 workers counted 1',
    'task 1 (main) panicked: lost update: 2 workers counted 1',
  ]);
  expect(failure.message).toContain(' *    7  TaskPanicked: lost update: 2 workers');
  expect(failure.message.split('\n').at(-2)).toBe(`replay string: ${failure.replay}`);
  // "Replaying a failure": the replay string runs that schedule again on count(2).
  const again = await replay(count(2), decodeReplay(failure.replay));
  expect(again.finding?.message).toBe('panic: lost update: 2 workers counted 1');
});
