import { describe, expect, it } from 'vitest';
import { atomic, explore, go, GoPanic, Panic, WaitGroup, yield_ } from '../index.js';

const SEED = 23;

/** Three tasks increment `n`, with a switch point between the load and the write. */
async function increments(useCas: boolean): Promise<void> {
  const n = new atomic.Int();
  const wg = new WaitGroup();
  for (let i = 0; i < 3; i++) {
    wg.add(1);
    go(async () => {
      for (;;) {
        const v = n.load();
        await yield_();
        if (!useCas) {
          n.store(v + 1);
          break;
        }
        if (n.compareAndSwap(v, v + 1)) break;
      }
      wg.done();
    });
  }
  await wg.wait();
  if (n.load() !== 3) throw new Error(`n = ${n.load()}, want 3`);
}

describe(`atomic (seed ${SEED})`, () => {
  it('should make a CAS loop correct under 200 schedules', async () => {
    const r = await explore(() => increments(true), { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
  });

  it('should let the explorer find the lost update of a load-then-store (control)', async () => {
    const r = await explore(() => increments(false), { runs: 200, seed: SEED });
    expect(r.findings[0]?.message).toMatch(/^panic: n = [12], want 3$/);
  });

  it('should implement Int and Bool operations with Go results', async () => {
    const got: unknown[] = [];
    const r = await explore(
      () => {
        const i = new atomic.Int(5);
        got.push(i.add(2), i.swap(10), i.compareAndSwap(9, 1), i.compareAndSwap(10, 1), i.load());
        i.store(-3);
        got.push(i.load());
        const b = new atomic.Bool();
        got.push(b.load(), b.swap(true), b.compareAndSwap(false, false), b.compareAndSwap(true, false));
        b.store(true);
        got.push(b.load(), i.label, b.label);
      },
      { runs: 1 },
    );
    expect(r.findings).toEqual([]);
    expect(got).toEqual([
      7,
      7,
      false,
      true,
      1,
      -3,
      false,
      false,
      false,
      true,
      true,
      'atomic.Int#1',
      'atomic.Bool#1',
    ]);
  });

  it('should implement Value with Go panics for nil and inconsistent types', async () => {
    const got: unknown[] = [];
    const panics: string[] = [];
    const attempt = (f: () => unknown): void => {
      try {
        f();
      } catch (e) {
        panics.push(e instanceof GoPanic ? e.goMessage : String(e));
      }
    };
    const r = await explore(
      () => {
        const v = new atomic.Value<unknown>();
        got.push(v.load(), v.compareAndSwap('x', 'y'), v.compareAndSwap(undefined, 'a'));
        got.push(v.swap('b'), v.compareAndSwap('a', 'c'), v.compareAndSwap('b', 'c'), v.load());
        attempt(() => v.store(undefined));
        attempt(() => v.store(1));
        attempt(() => v.swap(null));
        attempt(() => v.swap({}));
        attempt(() => v.compareAndSwap('c', undefined));
        attempt(() => v.compareAndSwap('c', 2));
        attempt(() => v.compareAndSwap(undefined, 2));
        v.store('d');
        got.push(v.load());
      },
      { runs: 1 },
    );
    expect(r.findings).toEqual([]);
    expect(got).toEqual([undefined, false, true, 'a', false, true, 'c', 'd']);
    expect(panics).toEqual([
      Panic.atomicStoreNil,
      'sync/atomic: store of inconsistently typed value into Value',
      Panic.atomicSwapNil,
      Panic.atomicSwapInconsistent,
      Panic.atomicCasNil,
      'sync/atomic: compare and swap of inconsistently typed values',
      'sync/atomic: compare and swap of inconsistently typed value into Value',
    ]);
  });

  it('should work outside a run too (free mode)', () => {
    const n = new atomic.Int();
    n.store(4);
    expect(n.add(3)).toBe(7);
    expect(n.compareAndSwap(7, 1)).toBe(true);
    expect(n.load()).toBe(1);
  });

  it('should record Atomic* events in a failing schedule', async () => {
    const r = await explore(
      () => {
        const n = new atomic.Int();
        n.store(4);
        n.add(1);
        n.compareAndSwap(5, 6);
        n.load();
        throw new Error('boom');
      },
      { runs: 1 },
    );
    const events = r.findings[0]!.trace.events.filter((e) => e.obj === 'atomic.Int#1');
    expect(events.map((e) => `${e.event} ${e.detail}`)).toEqual([
      'AtomicStored 4',
      'AtomicAdded 1 → 5',
      'AtomicCompareAndSwapped 5 → 6: true',
      'AtomicLoaded 6',
    ]);
  });
});
