import { describe, expect, it } from 'vitest';
import { chan, explore, go, settle } from '../index.js';
import { DfsStrategy } from './dfs.js';

/** Three tasks each take one step on a shared channel: 3! orders of their sends. */
function threeSenders(orders: Set<string>) {
  return async (): Promise<void> => {
    const c = chan<string>(3);
    for (const name of ['a', 'b', 'c']) go(() => c.send(name), name);
    await settle();
    orders.add([await c.recv(), await c.recv(), await c.recv()].join(''));
  };
}

describe('dfs', () => {
  it('should explore every schedule and say it is complete', async () => {
    const orders = new Set<string>();
    const r = await explore(threeSenders(orders), { strategy: 'dfs', runs: 10_000 });
    expect(r.findings).toEqual([]);
    expect(r.complete).toBe(true);
    expect(orders).toEqual(new Set(['abc', 'acb', 'bac', 'bca', 'cab', 'cba']));
    expect(r.runs).toBeLessThan(10_000);
  });

  it('should stop short of complete when the run budget ends first', async () => {
    const r = await explore(threeSenders(new Set()), { strategy: 'dfs', runs: 3 });
    expect(r.runs).toBe(3);
    expect(r.complete).toBe(false);
  });

  it('should bound preemptions: bound 0 explores only schedules without any', async () => {
    const unbounded = await explore(threeSenders(new Set()), { strategy: 'dfs', runs: 10_000 });
    const orders = new Set<string>();
    const bounded = await explore(threeSenders(orders), {
      strategy: 'dfs',
      runs: 10_000,
      preemptionBound: 0,
    });
    expect(bounded.complete).toBe(true);
    expect(bounded.runs).toBeLessThan(unbounded.runs);
    expect(orders.size).toBeGreaterThan(0);
  });

  it('should find a bug that needs one preemption within bound 1, deterministically', async () => {
    const depthTwo = async (): Promise<void> => {
      const log: string[] = [];
      const done = chan<void>(2);
      const steps = chan<number>(100);
      go(async () => {
        for (let i = 0; i < 4; i++) {
          log.push('a');
          await steps.send(i);
        }
        await done.send();
      }, 'a');
      go(async () => {
        for (let i = 0; i < 6; i++) {
          log.push('b');
          await steps.send(i);
        }
        await done.send();
      }, 'b');
      await done.recv();
      await done.recv();
      if (log.join('') === `aa${'b'.repeat(6)}aa`) throw new Error('b ran between a’s second and third step');
    };
    const r = await explore(depthTwo, { strategy: 'dfs', runs: 100_000, preemptionBound: 1 });
    expect(r.findings[0]?.message).toBe('panic: b ran between a’s second and third step');
    expect(r.findings[0]!.trace.shrunk!.preemptions[1]).toBe(1);
  });

  it('should resume from a saved frontier and cover exactly the rest', async () => {
    const full = new Set<string>();
    const all = await explore(threeSenders(full), { strategy: 'dfs', runs: 10_000 });
    const first = new DfsStrategy();
    const seen = new Set<string>();
    const part = await explore(threeSenders(seen), { strategy: first, runs: 4 });
    const rest = await explore(threeSenders(seen), {
      strategy: DfsStrategy.resume(first.frontier()),
      runs: 10_000,
    });
    expect(part.runs + rest.runs).toBe(all.runs);
    expect(rest.complete).toBe(true);
    expect(seen).toEqual(full);
  });
});
