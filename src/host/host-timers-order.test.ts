import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chan, explore, time } from '../index.js';

/*
 * Node's timer rules under the virtual clock, each checked against real Node first: callbacks due
 * at one instant run in an order the strategy chooses (dfs reaches both); a callback that clears a
 * sibling due at the same instant stops it; clearInterval inside its own callback stops it; and a
 * later timer never fires before an earlier one, however far the clock jumps.
 */
describe('Node timers: order and clearing under the virtual clock', () => {
  it('should reach both orders of two callbacks due at the same instant under dfs', async () => {
    const orders = new Set<string>();
    const r = await explore(
      async () => {
        const order: string[] = [];
        setTimeout(() => order.push('a'), 10);
        setTimeout(() => order.push('b'), 10);
        await time.sleep(20 * time.Millisecond);
        orders.add(order.join(''));
      },
      { strategy: 'dfs', runs: 100 },
    );
    expect(r.findings).toEqual([]);
    expect(orders).toEqual(new Set(['ab', 'ba']));
  });

  it('should not run a callback that a sibling due at the same instant cleared first', async () => {
    const outcomes = new Set<string>();
    const r = await explore(
      async () => {
        const ran: string[] = [];
        const a = setTimeout(() => {
          ran.push('a');
          clearTimeout(b);
        }, 10);
        const b = setTimeout(() => {
          ran.push('b');
          clearTimeout(a);
        }, 10);
        await time.sleep(20 * time.Millisecond);
        outcomes.add(ran.join(''));
      },
      { strategy: 'dfs', runs: 100 },
    );
    expect(r.findings).toEqual([]);
    expect(outcomes).toEqual(new Set(['a', 'b']));
  });

  it('should stop an interval cleared inside its own callback', async () => {
    let fired = -1;
    const r = await explore(
      async () => {
        let n = 0;
        const iv = setInterval(() => {
          n++;
          clearInterval(iv);
        }, 5);
        await time.sleep(time.Second);
        fired = n;
      },
      { runs: 5 },
    );
    expect(r.findings).toEqual([]);
    expect(fired).toBe(1);
  });

  it('should never fire a later timer before an earlier one, whatever the delays and schedule', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom('random' as const, 'pct' as const),
        async (delays, seed, strategy) => {
          const firings: number[][] = [];
          const r = await explore(
            async () => {
              const fired: number[] = [];
              const done = chan<void>(delays.length);
              for (const d of delays) {
                // eslint-disable-next-line @typescript-eslint/no-misused-promises
                setTimeout(async () => {
                  fired.push(Math.max(d, 1)); // Node runs setTimeout(f, 0) as setTimeout(f, 1)
                  await done.send();
                }, d);
              }
              for (const _ of delays) await done.recv();
              firings.push(fired);
            },
            { runs: 3, seed, strategy },
          );
          expect(r.findings).toEqual([]);
          for (const fired of firings) {
            expect(fired).toHaveLength(delays.length);
            expect(fired).toEqual([...fired].sort((x, y) => x - y));
          }
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });
});
