import { describe, expect, it } from 'vitest';
import { chan, explore, go, settle, shared, WaitGroup } from '../index.js';
import { DporStrategy } from '../strategies/dpor/dpor.js';
import type { ChoicePoint, RunInfo } from '../strategies/strategy.js';

describe('coverage', () => {
  it('should count interleavings of independent operations as one behaviour', async () => {
    const r = await explore(
      async () => {
        for (let t = 0; t < 2; t++) {
          go(async () => {
            const own = chan<number>(3); // each task's own channel: nothing shared
            for (let i = 0; i < 3; i++) await own.send(i);
          });
        }
        await settle(); // joins without touching a shared object (a WaitGroup's wait vs done would be an order)
      },
      { runs: 200, seed: 1 },
    );
    expect(r.findings).toEqual([]);
    expect(r.distinct).toBe(1);
  });

  it('should tell apart orders of dependent operations', async () => {
    const r = await explore(
      async () => {
        const c = chan<string>();
        go(() => c.send('a'));
        go(() => c.send('b'));
        await c.recv();
        await c.recv();
      },
      { runs: 200, seed: 1 },
    );
    expect(r.findings).toEqual([]);
    // Which sender reaches the channel first, and whether main arrives before, between or after them.
    expect(r.distinct).toBeGreaterThanOrEqual(2);
    expect(r.distinct).toBeLessThan(20);
  });
});

describe('coverage follows DPOR’s dependency relation', () => {
  it('should tell apart orders of synchronous operations on one object (shared set, close, done)', async () => {
    const orders = async (sameObject: boolean): Promise<number> => {
      const r = await explore(
        async () => {
          const a = shared(0, 'a');
          const b = sameObject ? a : shared(0, 'b');
          go(() => a.set(1), 'one'); // synchronous: no switch point of its own
          go(() => b.set(2), 'two');
          await settle();
        },
        { runs: 200, seed: 1, race: false },
      );
      expect(r.findings).toEqual([]);
      return r.distinct;
    };
    expect(await orders(true)).toBe(2);
    expect(await orders(false)).toBe(1);

    // A close and a WaitGroup's done, each against another task's use of the same object.
    const r = await explore(
      async () => {
        const c = chan<number>(1);
        const wg = new WaitGroup();
        wg.add(1);
        go(() => c.close(), 'closer');
        go(async () => {
          await c.recv(); // before or after the close: a different execution
        }, 'receiver');
        go(() => wg.done(), 'done');
        await wg.wait(); // parked before the done, or not: a different execution
      },
      { runs: 500, seed: 1 },
    );
    expect(r.distinct).toBeGreaterThanOrEqual(4);
  });

  it('should count as distinct exactly the execution classes DPOR tells apart (the seed’s pipeline)', async () => {
    const { pipeline } = await import('../../examples/seed/pipeline.js');
    const classes = new Set<string>();
    const inner = new DporStrategy();
    const strategy = {
      name: inner.name,
      params: inner.params,
      wantsStepLog: true,
      get complete() {
        return inner.complete;
      },
      beginRun: (run: number) => inner.beginRun(run),
      choose: (point: ChoicePoint) => inner.choose(point),
      endRun: (info: RunInfo) => {
        // DPOR's view of the run: per object, the order of the steps (by task) that touched it.
        const perObject = new Map<number, string[]>();
        for (const s of info.log!) {
          for (const o of new Set(s.objs))
            if (o >= 0) perObject.set(o, [...(perObject.get(o) ?? []), s.option]);
        }
        classes.add(
          [...perObject.values()]
            .map((l) => l.join(','))
            .sort()
            .join('|'),
        );
        inner.endRun(info);
      },
    };
    const r = await explore(pipeline.main, { runs: 10_000, shrink: false, strategy });
    expect(r.complete).toBe(true);
    expect(r.distinct).toBe(classes.size);
    expect(r.runs).toBeLessThanOrEqual(Math.ceil(1.2 * r.distinct)); // the bench's target
  });
});
