import { describe, expect, it } from 'vitest';
import { chan, explore, go, Mutex, track, WaitGroup } from '../index.js';

const RUNS = { runs: 50, seed: 3 };

/** Runs `body` in two tasks that never synchronize with each other (main waits for both). */
function twoTasks(setup: () => object, body: (o: never, i: number) => void) {
  return async () => {
    const o = setup();
    const wg = new WaitGroup();
    wg.add(2);
    for (let i = 0; i < 2; i++) {
      go(async () => {
        body(o as never, i);
        wg.done();
      }, `t${i}`);
    }
    await wg.wait();
  };
}

describe('track()', () => {
  it('should report two unordered writes of one property, naming the path', async () => {
    const r = await explore(
      twoTasks(
        () => track({ count: 0 }, 'stats'),
        (o: { count: number }) => {
          o.count++;
        },
      ),
      RUNS,
    );
    expect(r.findings.map((f) => f.message)).toEqual(['WARNING: DATA RACE on stats.count (track#1)']);
    expect(r.findings[0]!.stack).toMatch(
      /at stats\.count \(track#1\) by task \d \(t\d\):\n  src\/primitives\/track\.test\.ts:\d+/,
    );
  });

  it('should not report accesses to different properties, or reads only', async () => {
    const disjoint = await explore(
      twoTasks(
        () => track({ a: 0, b: 0, c: 1 }),
        (o: { a: number; b: number; c: number }, i) => {
          if (i === 0) o.a = o.c;
          else o.b = o.c;
        },
      ),
      RUNS,
    );
    expect(disjoint.findings).toEqual([]);
  });

  it('should not report accesses ordered by a mutex or a channel', async () => {
    const r = await explore(async () => {
      const o = track({ n: 0 });
      const mu = new Mutex();
      const done = chan<void>();
      go(async () => {
        await mu.lock();
        o.n++;
        mu.unlock();
        await done.send();
      });
      await mu.lock();
      o.n++;
      mu.unlock();
      await done.recv();
      expect(o.n).toBe(2);
    }, RUNS);
    expect(r.findings).toEqual([]);
  });

  it('should watch nested objects and arrays: push from two tasks races on length', async () => {
    const nested = await explore(
      twoTasks(
        () => track({ inner: { deep: { x: 0 } } }, 'cfg'),
        (o: { inner: { deep: { x: number } } }) => {
          o.inner.deep.x = 1;
        },
      ),
      RUNS,
    );
    expect(nested.findings.map((f) => f.message)).toEqual([
      'WARNING: DATA RACE on cfg.inner.deep.x (track#3)',
    ]);

    const pushes = await explore(
      twoTasks(
        () => track({ items: [] as number[] }, 'q'),
        (o: { items: number[] }, i) => {
          o.items.push(i);
        },
      ),
      RUNS,
    );
    expect(pushes.findings[0]?.message).toMatch(
      /^WARNING: DATA RACE on q\.items(\.length|\[0\]|) \(track#2\)$/,
    );
  });

  it('should treat a Map as one variable, as Go treats a map: get races with set', async () => {
    const r = await explore(
      twoTasks(
        () => track(new Map<string, number>([['k', 1]]), 'cache'),
        (m: Map<string, number>, i) => {
          if (i === 0) m.set('other', 2);
          else m.get('k');
        },
      ),
      RUNS,
    );
    expect(r.findings.map((f) => f.message)).toEqual(['WARNING: DATA RACE on cache (track#1)']);

    const reads = await explore(
      twoTasks(
        () => track(new Set([1, 2]), 'seen'),
        (s: Set<number>) => {
          expect(s.has(1) && s.size === 2 && [...s].length === 2).toBe(true);
        },
      ),
      RUNS,
    );
    expect(reads.findings).toEqual([]);
  });

  it('should race adding a key with Object.keys, and keep Map chaining on the proxy', async () => {
    const r = await explore(
      twoTasks(
        () => track({}, 'index'),
        (o: Record<string, number>, i) => {
          if (i === 0) o[`k${i}`] = 1;
          else Object.keys(o);
        },
      ),
      RUNS,
    );
    expect(r.findings.map((f) => f.message)).toEqual(['WARNING: DATA RACE on index (track#1)']);

    await explore(async () => {
      const m = track(new Map<string, { n: number }>());
      expect(m.set('a', { n: 1 })).toBe(m);
      expect(m.get('a')).toBe(m.get('a')); // the same proxy each time
      expect(m.get('a')!.n).toBe(1);
    }, RUNS);
  });

  it('should return the object itself with race: false and in free mode', async () => {
    const plain = { x: 1 };
    let seen: object | null = null;
    await explore(
      async () => {
        seen = track(plain);
      },
      { runs: 1, race: false },
    );
    expect(seen).toBe(plain);
    expect(track(plain)).toBe(plain); // outside explore(): free mode
  });
});
