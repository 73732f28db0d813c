import { describe, expect, it } from 'vitest';
import { InterleaveError } from '../../base/errors.js';
import { DfsStrategy } from '../dfs.js';
import { DporStrategy } from './dpor.js';
import { complete, programs, recording } from '../../../test/fixtures/dpor-programs.js';
import { chan, explore, go, Mutex, settle, shared, yield_ } from '../../index.js';

/** Two workers log each step through one shared channel; the bug is one order of their steps. */
function interleaving(bug: string): () => Promise<void> {
  return async () => {
    const log: string[] = [];
    const done = chan<void>(2);
    const steps = chan<number>(100);
    for (const name of ['a', 'b']) {
      go(async () => {
        for (let i = 0; i < 4; i++) {
          log.push(name);
          await steps.send(i);
        }
        await done.send();
      }, name);
    }
    await done.recv();
    await done.recv();
    if (log.join('') === bug) throw new Error(`the steps ran in the order ${bug}`);
  };
}

describe('dpor with a preemption bound', () => {
  it('should find a bug that needs two preemptions with bound 2, not with bound 1', async () => {
    const prog = interleaving('aabbaabb'); // a, preempted by b, preempted by a; then free switches
    const one = await explore(prog, { ...complete, strategy: new DporStrategy(1_000, 1) });
    expect(one.complete).toBe(true);
    expect(one.findings).toEqual([]);
    const two = await explore(prog, { ...complete, strategy: new DporStrategy(1_000, 2) });
    expect(two.complete).toBe(true);
    expect(two.findings.map((f) => f.message)).toEqual(['panic: the steps ran in the order aabbaabb']);
    expect(two.findings[0]!.trace.strategy).toEqual({ name: 'dpor', params: { preemptionBound: 2 } });
    const dfs = await explore(prog, { ...complete, strategy: new DfsStrategy(1) });
    expect(dfs.findings).toEqual([]);
  });

  it('should write its bound into params, and refuse a bound that is not a count', () => {
    expect(new DporStrategy(1_000, 3).params).toEqual({ preemptionBound: 3 });
    expect(new DporStrategy().params).toEqual({});
    expect(new DporStrategy(50).params).toEqual({});
    expect(() => new DporStrategy(1_000, -1)).toThrow(InterleaveError);
    expect(() => new DporStrategy(1_000, 1.5)).toThrow(InterleaveError);
  });

  const bounded = [
    'three senders on one channel',
    'a close racing a send (panics on some schedules)',
    'unbuffered hand-offs with a blocked receiver',
    'a lock-order deadlock on some schedules',
    'a WaitGroup, workers and a closer',
    'a mutex-protected counter',
  ];
  for (const name of bounded) {
    it(`should reach every class bounded DFS reaches, in fewer runs than DFS: ${name}`, async () => {
      const prog = programs[name]!;
      const unbounded = await explore(prog, { ...complete, strategy: 'dpor' });
      for (const bound of [0, 1, 2]) {
        const dfs = await explore(prog, { ...complete, strategy: new DfsStrategy(bound) });
        const dpor = await explore(prog, { ...complete, strategy: new DporStrategy(1_000, bound) });
        expect(dfs.complete).toBe(true);
        expect(dpor.complete).toBe(true);
        // DPOR runs only schedules within the bound, all of which DFS runs: equal counts, equal sets.
        expect(dpor.distinct).toBe(dfs.distinct);
        expect(dpor.findings.map((f) => f.message).sort()).toEqual(dfs.findings.map((f) => f.message).sort());
        expect(dpor.runs).toBeLessThanOrEqual(dfs.runs);
        if (bound === 0) expect(dpor.runs).toBeLessThanOrEqual(unbounded.runs);
        console.log(
          `${name}, bound ${bound}: dfs ${dfs.runs} runs, dpor ${dpor.runs} runs (unbounded ${unbounded.runs}), ${dfs.distinct} distinct`,
        );
      }
    });
  }
});

/**
 * Small random programs: 2–3 tasks, each a few operations on shared buffered or unbuffered channels
 * (send, receive, close that may panic and is caught), a mutex-protected cell, a plain shared cell
 * and yields. Deterministic (seeded), so a failure names the program.
 */
function randomProgram(seed: number): { text: string; main: () => Promise<void> } {
  let x = seed;
  const pick = (n: number): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor((x / 2147483648) * n);
  };
  const kinds = ['send', 'recv', 'lock', 'cell', 'yield', 'close'] as const;
  const caps = Array.from({ length: 1 + pick(2) }, () => pick(3));
  const tasks = Array.from({ length: 2 + pick(2) }, () =>
    Array.from({ length: 1 + pick(3) }, () => [kinds[pick(6)]!, pick(caps.length)] as const),
  );
  const text = JSON.stringify({ caps, tasks });
  const main = async (): Promise<void> => {
    const chans = caps.map((c) => chan<number>(c));
    const mu = new Mutex();
    const cell = shared(0, 'cell');
    for (const [t, ops] of tasks.entries()) {
      go(async () => {
        for (const [op, k] of ops) {
          if (op === 'send') await chans[k]!.send(1);
          else if (op === 'recv') await chans[k]!.recv();
          else if (op === 'lock') {
            await mu.lock();
            cell.set(cell.get() + 1);
            mu.unlock();
          } else if (op === 'cell') {
            cell.set(cell.get() * 2 + 1);
            await yield_();
          } else if (op === 'yield') await yield_();
          else {
            try {
              chans[k]!.close();
            } catch {
              // close of closed channel: recovered
            }
            await yield_();
          }
        }
      }, `t${t}`);
    }
    await settle();
    if (cell.get() === 3) throw new Error('the cell reached 3');
  };
  return { text, main };
}

describe('dpor with a preemption bound, against bounded DFS on random programs', () => {
  it('should reach the same distinct executions and findings for bounds 0 to 2', async () => {
    let programsTried = 0;
    for (let seed = 1; programsTried < 12; seed++) {
      const { text, main } = randomProgram(seed);
      const options = { ...complete, runs: 20_000, race: false };
      const results: string[] = [];
      for (const bound of [0, 1, 2]) {
        const dfsRuns = recording(new DfsStrategy(bound));
        const dfs = await explore(main, { ...options, strategy: dfsRuns.strategy });
        if (!dfs.complete) break; // too big for brute force: skip the program
        const dporRuns = recording(new DporStrategy(1_000, bound));
        const dpor = await explore(main, { ...options, strategy: dporRuns.strategy });
        expect(dpor.complete, text).toBe(true);
        expect(dporRuns.classes, `${text}, bound ${bound}`).toEqual(dfsRuns.classes);
        const kinds = (r: typeof dfs): string[] => [...new Set(r.findings.map((f) => f.message))].sort();
        expect(kinds(dpor), `${text}, bound ${bound}`).toEqual(kinds(dfs));
        results.push(`${dpor.runs}/${dfs.runs}`);
      }
      if (results.length === 3) programsTried++;
    }
  });
});
