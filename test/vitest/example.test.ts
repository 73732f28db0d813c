import { chan, explore, go } from 'interleave';
import { interleaveFixtures, itExplores } from 'interleave/vitest';
import { expect, test } from 'vitest';

// The body runs under the explorer: any deadlock, leak or panic fails the test.
itExplores('the worker hands back every result', async () => {
  const jobs = chan<number>(3);
  const results = chan<number>(3);
  go(async () => {
    for await (const j of jobs) await results.send(j * 2);
    results.close();
  }, 'worker');
  for (const j of [1, 2, 3]) await jobs.send(j);
  jobs.close();
  const got: number[] = [];
  for await (const r of results) got.push(r);
  expect(got).toEqual([2, 4, 6]);
});

// Or explore explicitly and assert on the result with the matchers.
test('a sender nobody receives from leaks', async () => {
  const result = await explore(async () => {
    const ch = chan<number>();
    go(() => ch.send(1), 'sender');
  });
  expect(result).toLeak();
});

// The same with the fixture: explore() with the plugin's defaults, queued under test.concurrent.
const it = test.extend(interleaveFixtures);
it('an unbuffered send with no receiver deadlocks', async ({ explore }) => {
  expect(
    await explore(async () => {
      await chan<number>().send(1);
    }),
  ).toDeadlock();
});
