import type { DfsStrategy } from './dfs.js';
import { DporStrategy } from './dpor.js';
import type { ChoicePoint, RunInfo } from './strategy.js';
import {
  chan,
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

/* Programs and a recording strategy shared by the DPOR tests (dpor*.test.ts). */

/*
 * Soundness of the reduction, checked against brute force: explored to completion, DPOR must reach
 * every execution class that exhaustive DFS reaches (the same number of distinct executions up to
 * the order of independent operations, and the same kinds of findings), in no more runs.
 */
export const programs: Record<string, () => Promise<void>> = {
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

export const complete: ExploreOptions = { runs: 100_000, findAll: true, shrink: false, maxSteps: 10_000 };

/**
 * A strategy that records each run: its choices, and its execution class from the step log (each
 * object's sequence of tasks, the fingerprint's view), for runs that end without a finding (one
 * that stops a run early leaves out whatever had not run yet, which DPOR does not tell apart).
 */
export function recording(inner: DporStrategy | DfsStrategy) {
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
