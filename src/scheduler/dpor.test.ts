import { describe, expect, it } from 'vitest';
import {
  chan,
  explore,
  go,
  Mutex,
  select,
  settle,
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
