import { describe, expect, it } from 'vitest';
import { chan, explore, go, settle, type ChoicePoint, type Strategy } from '../index.js';
import {
  isExhaustive,
  isIndexAddressable,
  isResumable,
  isTreeSplittable,
  logsSteps,
  type ExhaustiveStrategy,
} from './capabilities.js';
import { DfsStrategy } from './dfs.js';
import { DporStrategy } from './dpor/dpor.js';
import { PctStrategy } from './pct.js';
import { PortfolioStrategy } from './portfolio.js';
import { RandomStrategy } from './random.js';
import { ReplayStrategy } from './replay.js';
import { ScriptedStrategy } from './scripted.js';

/** Each guard's answer, in one object, so a table compares them at once. */
function capabilities(s: Strategy) {
  return {
    indexed: isIndexAddressable(s),
    exhaustive: isExhaustive(s),
    resumable: isResumable(s),
    tree: isTreeSplittable(s),
    stepLog: logsSteps(s),
  };
}

const none = { indexed: false, exhaustive: false, resumable: false, tree: false, stepLog: false };

/** A strategy as a user writes it: the five members of `Strategy`, nothing else. */
function firstOption(): Strategy & { begun: number } {
  return {
    name: 'first',
    params: {},
    begun: 0,
    beginRun(run: number) {
      this.begun++;
      return run < 3;
    },
    choose: (_point: ChoicePoint) => 0,
    endRun: () => {},
  };
}

/** Two tasks send on one channel; main takes both. */
async function twoSenders(): Promise<void> {
  const c = chan<string>(2);
  go(() => c.send('a'), 'a');
  go(() => c.send('b'), 'b');
  await settle();
  await c.recv();
  await c.recv();
}

describe('strategy capabilities', () => {
  it('should recognize what each built-in strategy can do', () => {
    expect(capabilities(new RandomStrategy(1))).toEqual({ ...none, indexed: true });
    expect(capabilities(new PctStrategy(1, 10))).toEqual({ ...none, indexed: true });
    expect(capabilities(new PortfolioStrategy(1, 10))).toEqual({ ...none, indexed: true });
    expect(capabilities(new DfsStrategy())).toEqual({
      ...none,
      exhaustive: true,
      resumable: true,
      tree: true,
    });
    expect(capabilities(new DporStrategy())).toEqual({
      ...none,
      exhaustive: true,
      resumable: true,
      stepLog: true,
    });
    expect(capabilities(new ReplayStrategy([]))).toEqual(none);
    expect(capabilities(new ScriptedStrategy([]))).toEqual(none);
  });

  it('should find no capability in a strategy with only the five members of Strategy', () => {
    expect(capabilities(firstOption())).toEqual(none);
  });

  it('should recognize a capability by the member it requires, on a plain object too', () => {
    const base = firstOption();
    expect(isIndexAddressable({ ...base, calibration: 0 } as Strategy)).toBe(true);
    expect(isExhaustive({ ...base, complete: false } as Strategy)).toBe(true);
    expect(isResumable({ ...base, complete: false } as Strategy)).toBe(false);
    expect(isResumable({ ...base, complete: false, frontier: () => '' } as Strategy)).toBe(true);
    expect(isTreeSplittable({ ...base, splitTree: () => {} } as Strategy)).toBe(true);
    expect(logsSteps({ ...base, wantsStepLog: true })).toBe(true);
    expect(logsSteps({ ...base, wantsStepLog: false })).toBe(false);
  });
});

describe('explore with a user strategy', () => {
  it('should explore with only the five members, and report no completeness', async () => {
    const s = firstOption();
    const r = await explore(twoSenders, { strategy: s, runs: 10 });
    expect(r.runs).toBe(3);
    expect(r.findings).toEqual([]);
    expect(r.strategy).toBe('first');
    expect(r).not.toHaveProperty('complete');
    expect(r).not.toHaveProperty('sleepBlocked');
    expect(s.begun).toBe(4); // the fourth beginRun said there was nothing left
  });

  it('should report the finding of a five-member strategy with a replay string', async () => {
    const r = await explore(
      async () => {
        await chan<number>().recv();
      },
      { strategy: firstOption(), runs: 10 },
    );
    expect(r.runs).toBe(1);
    expect(r.findings.map((f) => f.kind)).toEqual(['deadlock']);
    expect(r.findings[0]!.replay).toMatch(/^il1\./);
  });

  it('should refuse to split by part a strategy that is neither index-addressable nor a tree', async () => {
    await expect(
      explore(twoSenders, { strategy: firstOption(), runs: 10, part: { index: 0, count: 2 } }),
    ).rejects.toThrow(/the first strategy's runs each depend on all earlier ones/);
  });

  it('should report complete for an exhaustive user strategy, false while runs remained', async () => {
    const search = (orders: number): ExhaustiveStrategy => ({
      name: 'every-first-choice',
      params: {},
      complete: false,
      beginRun(run: number) {
        if (run >= orders) (this as { complete: boolean }).complete = true;
        return run < orders;
      },
      choose: (point: ChoicePoint) => point.step % point.options.length,
      endRun: () => {},
    });
    const done = await explore(twoSenders, { strategy: search(2), runs: 10 });
    expect(done.runs).toBe(2);
    expect(done.complete).toBe(true);
    const cut = await explore(twoSenders, { strategy: search(5), runs: 3 });
    expect(cut.runs).toBe(3);
    expect(cut.complete).toBe(false);
  });

  it('should report complete and sleep-blocked runs for dpor, complete for dfs', async () => {
    const dfs = await explore(twoSenders, { strategy: 'dfs', runs: 1_000 });
    expect(dfs.complete).toBe(true);
    expect(dfs).not.toHaveProperty('sleepBlocked');
    const dpor = await explore(twoSenders, { strategy: 'dpor', runs: 1_000 });
    expect(dpor.complete).toBe(true);
    expect(dpor.sleepBlocked).toBeGreaterThanOrEqual(0);
  });
});
