import { describe, expect, it } from 'vitest';
import { InterleaveError } from './errors.js';
import { DfsStrategy } from './dfs.js';
import { DporStrategy } from './dpor.js';
import type { ChoicePoint, RunInfo } from './strategy.js';
import {
  chan,
  explore,
  go,
  Mutex,
  select,
  settle,
  shared,
  time,
  WaitGroup,
  yield_,
  type ExploreOptions,
} from '../index.js';

/*
 * Soundness of the reduction, checked against brute force: explored to completion, DPOR must reach
 * every execution class that exhaustive DFS reaches (the same number of distinct executions up to
 * the order of independent operations, and the same kinds of findings), in no more runs.
 */
const programs: Record<string, () => Promise<void>> = {
  'three senders on one channel': async () => {
    const c = chan<string>(3);
    for (const n of ['a', 'b', 'c']) go(() => c.send(n), n);
    await settle();
    await c.recv();
    await c.recv();
    await c.recv();
  },
  'independent work plus one shared channel': async () => {
    const shared = chan<number>(2);
    for (let t = 0; t < 2; t++) {
      go(async () => {
        const own = chan<number>(4);
        for (let i = 0; i < 3; i++) await own.send(i);
        await shared.send(t);
      });
    }
    await shared.recv();
    await shared.recv();
  },
  'a mutex-protected counter': async () => {
    const mu = new Mutex();
    const done = chan<void>(2);
    let n = 0;
    for (let t = 0; t < 2; t++) {
      go(async () => {
        for (let i = 0; i < 2; i++) {
          await mu.lock();
          n++;
          mu.unlock();
          await yield_();
        }
        await done.send();
      });
    }
    await done.recv();
    await done.recv();
    if (n !== 4) throw new Error('lost update');
  },
  'select over two senders': async () => {
    const a = chan<number>();
    const b = chan<number>();
    go(() => a.send(1));
    go(() => b.send(2));
    for (let i = 0; i < 2; i++) await select([{ recv: a }, { recv: b }]);
  },
  'a close racing a send (panics on some schedules)': async () => {
    const c = chan<number>(1);
    go(() => c.send(1), 'sender');
    go(() => c.close(), 'closer');
    await settle();
  },
  'unbuffered hand-offs with a blocked receiver': async () => {
    const c = chan<number>();
    const done = chan<void>();
    go(async () => {
      for (let i = 0; i < 2; i++) await c.send(i);
    }, 'p1');
    go(async () => {
      await c.send(9);
    }, 'p2');
    go(async () => {
      for (let i = 0; i < 3; i++) await c.recv();
      done.close();
    }, 'consumer');
    await done.recv();
  },
  'a lock-order deadlock on some schedules': async () => {
    const a = new Mutex();
    const b = new Mutex();
    const done = chan<void>(2);
    go(async () => {
      await a.lock();
      await b.lock();
      b.unlock();
      a.unlock();
      await done.send();
    }, 'ab');
    go(async () => {
      await b.lock();
      await a.lock();
      a.unlock();
      b.unlock();
      await done.send();
    }, 'ba');
    await done.recv();
    await done.recv();
  },
  'a WaitGroup, workers and a closer': async () => {
    const wg = new WaitGroup();
    const out = chan<number>(3);
    for (let t = 0; t < 2; t++) {
      wg.add(1);
      go(async () => {
        await out.send(t);
        wg.done();
      });
    }
    go(async () => {
      await wg.wait();
      out.close();
    }, 'closer');
    for await (const _ of out) void _;
  },
  'a close that makes a send panic, racing a receive': async () => {
    // A run where the close comes first ends at main's send: the receive never runs there, yet
    // it must still be explored before the send (a race with the step that ended the run).
    const c = chan<number>(2);
    const mu = new Mutex();
    const n = shared(0, 'n');
    go(async () => {
      await mu.lock();
      n.set(n.get() + 1);
      mu.unlock();
      c.close();
      await yield_();
    }, 'closer');
    go(async () => {
      await c.recv();
      try {
        c.close();
      } catch {
        // close of closed channel: recovered
      }
      await yield_();
    }, 'receiver');
    await c.send(1);
    await settle();
  },
  'a timeout racing a receive': async () => {
    const c = chan<number>();
    go(() => c.send(1), 'sender');
    const r = await select([{ recv: c }, { recv: time.after(0) }]);
    if (r.index === 1) await c.recv();
  },
};

const complete: ExploreOptions = { runs: 100_000, findAll: true, shrink: false, maxSteps: 10_000 };

describe('dpor', () => {
  for (const [name, prog] of Object.entries(programs)) {
    it(`should reach every execution class DFS reaches, in fewer runs: ${name}`, async () => {
      const dfs = await explore(prog, { ...complete, strategy: 'dfs' });
      const dpor = await explore(prog, { ...complete, strategy: 'dpor' });
      expect(dfs.complete).toBe(true);
      expect(dpor.complete).toBe(true);
      expect(dpor.distinct).toBe(dfs.distinct);
      expect(dpor.findings.map((f) => f.kind).sort()).toEqual(dfs.findings.map((f) => f.kind).sort());
      expect(dpor.runs).toBeLessThanOrEqual(dfs.runs);
      console.log(`${name}: dfs ${dfs.runs} runs, dpor ${dpor.runs} runs, ${dfs.distinct} distinct`);
    });
  }
});

describe('dfs and dpor with spin loops', () => {
  const spin = async (): Promise<void> => {
    const ready = chan<void>();
    go(async () => {
      await yield_();
      ready.close();
    }, 'setter');
    for (;;) {
      const r = await select([{ recv: ready }, { default: true }]);
      if (r.index === 0) return;
    }
  };

  for (const strategy of ['dfs', 'dpor'] as const) {
    it(`should not report a false livelock (${strategy}): past maxUnfairSteps the tail is fair`, async () => {
      const r = await explore(spin, {
        strategy,
        runs: 10_000,
        maxUnfairSteps: 40,
        maxSteps: 2_000,
        findAll: true,
      });
      expect(r.findings).toEqual([]);
      expect(r.complete).toBe(true);
    });
  }
});

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

/**
 * A strategy that records each run: its choices, and its execution class from the step log (each
 * object's sequence of tasks, the fingerprint's view), for runs that end without a finding (one
 * that stops a run early leaves out whatever had not run yet, which DPOR does not tell apart).
 */
function recording(inner: DporStrategy | DfsStrategy) {
  const runs: string[] = [];
  const classes = new Set<string>();
  const strategy = {
    name: inner.name,
    params: inner.params,
    wantsStepLog: true,
    get complete(): boolean {
      return inner.complete;
    },
    get sleepBlocked(): number | undefined {
      return inner instanceof DporStrategy ? inner.sleepBlocked : undefined;
    },
    beginRun: (run: number) => inner.beginRun(run),
    choose: (point: ChoicePoint) => inner.choose(point),
    endRun: (info: RunInfo) => {
      runs.push(info.choices.join(','));
      const perObject = new Map<number, string[]>();
      for (const r of info.log ?? []) {
        for (const o of new Set(r.objs))
          if (o >= 0) perObject.set(o, [...(perObject.get(o) ?? []), r.option]);
      }
      if (!info.failed) {
        classes.add(
          [...perObject.values()]
            .map((l) => l.join(','))
            .sort()
            .join('|'),
        );
      }
      inner.endRun(info);
    },
  };
  return { strategy, runs, classes };
}

describe('dpor checkpoints', () => {
  const cases: [string, number][] = [
    ['a lock-order deadlock on some schedules', Number.POSITIVE_INFINITY],
    ['a close racing a send (panics on some schedules)', Number.POSITIVE_INFINITY],
    ['a WaitGroup, workers and a closer', Number.POSITIVE_INFINITY],
    ['unbuffered hand-offs with a blocked receiver', Number.POSITIVE_INFINITY],
    ['a lock-order deadlock on some schedules', 1],
    ['a mutex-protected counter', 2],
  ];
  for (const [name, bound] of cases) {
    it(`should resume a saved frontier so that the parts make one exploration: ${name}, bound ${bound}`, async () => {
      const prog = programs[name]!;
      const whole = recording(new DporStrategy(1_000, bound));
      const all = await explore(prog, { ...complete, strategy: whole.strategy });
      expect(all.complete).toBe(true);

      // Three parts: a third of the runs, save, resume for another third, save, resume for the rest.
      const n = Math.max(1, Math.floor(all.runs / 3));
      const first = new DporStrategy(1_000, bound);
      const parts = [recording(first)];
      const results = [await explore(prog, { ...complete, runs: n, strategy: parts[0]!.strategy })];
      expect(results[0]!.complete).toBe(false);
      const second = DporStrategy.resume(first.frontier());
      parts.push(recording(second));
      results.push(await explore(prog, { ...complete, runs: n, strategy: parts[1]!.strategy }));
      parts.push(recording(DporStrategy.resume(second.frontier(), 1_000, bound)));
      results.push(await explore(prog, { ...complete, strategy: parts[2]!.strategy }));

      expect(results.reduce((sum, r) => sum + r.runs, 0)).toBe(all.runs);
      expect(results[2]!.complete).toBe(true);
      expect(parts.flatMap((p) => p.runs)).toEqual(whole.runs); // the very same runs, in order
      const classes = new Set(parts.flatMap((p) => [...p.classes]));
      expect(classes).toEqual(whole.classes);
      expect(classes.size).toBeLessThanOrEqual(all.distinct);
      const messages = (rs: typeof results): string[] =>
        [...new Set(rs.flatMap((r) => r.findings.map((f) => f.message)))].sort();
      expect(messages(results)).toEqual(messages([all]));
      expect(results[2]!.sleepBlocked).toBe(all.sleepBlocked); // counters carry over
      expect(parts[2]!.strategy.params).toEqual(whole.strategy.params);
    });
  }

  it('should do nothing when resuming a complete search', async () => {
    const prog = programs['three senders on one channel']!;
    const s = new DporStrategy();
    const all = await explore(prog, { ...complete, strategy: s });
    expect(s.complete).toBe(true);
    const again = await explore(prog, { ...complete, strategy: DporStrategy.resume(s.frontier()) });
    expect(again.runs).toBe(0);
    expect(again.complete).toBe(true);
    // Stopped by the budget exactly at the end: nothing left, which the resumed search finds out.
    const t = new DporStrategy();
    const cut = await explore(prog, { ...complete, runs: all.runs, strategy: t });
    expect(cut.complete).toBe(false);
    const rest = await explore(prog, { ...complete, strategy: DporStrategy.resume(t.frontier()) });
    expect(rest.runs).toBe(0);
    expect(rest.complete).toBe(true);
  });

  it('should refuse a corrupt or foreign frontier with an InterleaveError that says what it expected', async () => {
    const dfs = new DfsStrategy();
    await explore(programs['three senders on one channel']!, { runs: 2, strategy: dfs });
    const dpor = new DporStrategy(1_000, 1);
    await explore(programs['three senders on one channel']!, { runs: 2, strategy: dpor });
    const good = JSON.parse(dpor.frontier()) as { path: Record<string, unknown>[] };
    const bad = (f: (p: Record<string, unknown>) => void): string => {
      const copy = JSON.parse(JSON.stringify(good)) as { path: Record<string, unknown>[] };
      f(copy.path[0]!);
      return JSON.stringify(copy);
    };
    expect(() => DporStrategy.resume(dfs.frontier())).toThrow(/not a dpor checkpoint.*dfs exploration/);
    for (const text of [
      'garbage',
      '',
      'null',
      '[]',
      '{"dpor":2}',
      '{"random":1}',
      '{"dpor":1,"path":"x"}',
      bad((b) => (b.chosen = 'nobody')),
      bad((b) => (b.backtrack = 7)),
      bad((b) => (b.done = [['main', 'x', true]])),
    ]) {
      expect(() => DporStrategy.resume(text), text).toThrow(InterleaveError);
      expect(() => DporStrategy.resume(text), text).toThrow(/dpor checkpoint/);
    }
    expect(() => DporStrategy.resume('{"dpor":2}')).toThrow(/version 2/);
    expect(() => DporStrategy.resume('x')).toThrow(/DporStrategy\.frontier\(\)/);
    // A different bound is a different search.
    expect(() => DporStrategy.resume(dpor.frontier(), 1_000, 2)).toThrow(/preemptionBound 1, not 2/);
    expect(() => DporStrategy.resume(dpor.frontier(), 50)).toThrow(/maxUnfairSteps/);
    expect(DporStrategy.resume(dpor.frontier()).params).toEqual({ preemptionBound: 1 });
    expect(JSON.parse(dpor.frontier())).toMatchObject({ dpor: 1, preemptionBound: 1, maxUnfairSteps: 1_000 });
  });
});
