import { describe, expect, it } from 'vitest';
import { chan, explore, go, type ExploreOptions, type ExploreResult } from '../index.js';
import { mergeParts } from './parts.js';

/**
 * Three tasks append to a log in steps; the order they finish in decides which (if any) check
 * fails, so different schedules end in different panics, and most end clean.
 */
async function orders(): Promise<void> {
  const log: string[] = [];
  const done = chan<void>();
  for (const name of ['a', 'b', 'c']) {
    go(async () => {
      const own = chan<number>(3); // switch points that are not spins (PCT treats spins apart)
      for (let i = 0; i < 3; i++) await own.send(i);
      log.push(name);
      await done.send();
    }, name);
  }
  for (let i = 0; i < 3; i++) await done.recv();
  const order = log.join('');
  if (order === 'cba') throw new Error('reversed');
  if (order === 'bca') throw new Error('rotated');
}

/** What must agree between the whole and its merged parts. */
function essence(r: ExploreResult) {
  return {
    runs: r.runs,
    distinct: r.distinct,
    findings: r.findings.map((f) => ({ run: f.run, message: f.message, replay: f.replay })),
  };
}

async function splitInto(count: number, o: ExploreOptions): Promise<ExploreResult> {
  const parts: ExploreResult[] = [];
  for (let index = 0; index < count; index++)
    parts.push(await explore(orders, { ...o, part: { index, count } }));
  return mergeParts(parts, o.findAll ?? false);
}

describe('an exploration split into parts by run index', () => {
  for (const strategy of ['random', 'pct', 'portfolio'] as const) {
    for (const findAll of [false, true]) {
      it(`should give what the whole gives: ${strategy}, ${findAll ? 'every finding' : 'the first finding'}`, async () => {
        const o: ExploreOptions = { strategy, runs: 300, seed: 11, findAll, shrink: false };
        const whole = await explore(orders, o);
        expect(whole.findings.length).toBeGreaterThan(0); // the program does fail on some schedules
        if (findAll)
          expect(whole.findings.map((f) => f.message).sort()).toEqual(['panic: reversed', 'panic: rotated']);
        for (const count of [2, 3, 7])
          expect(essence(await splitInto(count, o)), `${count} parts`).toEqual(essence(whole));
      });
    }
  }

  it('should give disjoint parts whose runs add up to the whole when nothing is found', async () => {
    const clean = async () => {
      const c = chan<number>();
      go(() => c.send(1));
      await c.recv();
    };
    const o: ExploreOptions = { strategy: 'portfolio', runs: 100, seed: 3 };
    const whole = await explore(clean, o);
    const parts = await Promise.resolve([0, 1, 2]).then(async (ix) => {
      const out: ExploreResult[] = [];
      for (const index of ix) out.push(await explore(clean, { ...o, part: { index, count: 3 } }));
      return out;
    });
    expect(parts.map((p) => p.runs)).toEqual([34, 33, 33]);
    const runsSeen = parts.flatMap((p) => p.fingerprints!.map(([run]) => run)).sort((a, b) => a - b);
    expect(runsSeen).toEqual([...Array(100).keys()]);
    expect(mergeParts(parts, false).distinct).toBe(whole.distinct);
  });

  it('should refuse a part for dpor (it splits neither by run index nor by subtree), and a malformed part', async () => {
    await expect(explore(orders, { strategy: 'dpor', part: { index: 0, count: 2 } })).rejects.toThrow(
      /the dpor strategy's runs each depend on all earlier ones.*use random, pct, portfolio or dfs/,
    );
    await expect(explore(orders, { part: { index: 2, count: 2 } })).rejects.toThrow(
      'option part: index 2 is not below count 2 (0-based)',
    );
  });
});

describe('a dfs search split by subtree', () => {
  /** A tree small enough to search whole (747 schedules): two tasks of two steps; one order fails. */
  async function small(): Promise<void> {
    const log: string[] = [];
    const done = chan<void>();
    for (const name of ['a', 'b']) {
      go(async () => {
        const own = chan<number>(1);
        await own.send(0);
        log.push(name);
        await done.send();
      }, name);
    }
    for (let i = 0; i < 2; i++) await done.recv();
    if (log.join('') === 'ba') throw new Error('reversed');
  }
  const schedules = async (o: ExploreOptions): Promise<ExploreResult> =>
    explore(small, { ...o, findAll: true });

  it('should explore, over its parts, exactly the whole tree: runs, completeness, coverage, findings', async () => {
    const o: ExploreOptions = { strategy: 'dfs', runs: 100_000, shrink: false };
    const whole = await schedules(o);
    expect(whole.complete).toBe(true);
    expect(whole.runs).toBeGreaterThan(100);
    expect(whole.findings.map((f) => f.message)).toEqual(['panic: reversed']);
    for (const count of [2, 3]) {
      const parts: ExploreResult[] = [];
      for (let index = 0; index < count; index++)
        parts.push(await schedules({ ...o, part: { index, count } }));
      // Disjoint and complete: the spine is run by every part but counted by part 0 only.
      expect(
        parts.reduce((n, p) => n + p.runs, 0),
        `${count} parts`,
      ).toBe(whole.runs);
      // Subtrees near the root are the largest, so parts are not even; each does some of the work.
      for (const p of parts) expect(p.runs).toBeGreaterThan(0);
      const merged = mergeParts(parts, true);
      expect(merged.complete).toBe(true);
      expect(merged.distinct).toBe(whole.distinct);
      expect(merged.findings.map((f) => f.message).sort()).toEqual(
        whole.findings.map((f) => f.message).sort(),
      );
    }
  });

  it("should give the whole search's first finding: the lowest (subtree, run)", async () => {
    const o: ExploreOptions = { strategy: 'dfs', runs: 100_000, shrink: false };
    const whole = await explore(small, o);
    const first = whole.findings[0]!;
    const parts: ExploreResult[] = [];
    for (let index = 0; index < 3; index++)
      parts.push(await explore(small, { ...o, part: { index, count: 3 } }));
    const merged = mergeParts(parts, false).findings[0]!;
    expect(merged.message).toBe(first.message);
    expect(merged.trace.choices).toEqual(first.trace.choices); // the very schedule
  });
});
