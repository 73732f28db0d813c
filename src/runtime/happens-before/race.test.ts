import { describe, expect, it } from 'vitest';
import {
  atomic,
  chan,
  Cond,
  explore,
  go,
  Mutex,
  Once,
  RWMutex,
  shared,
  WaitGroup,
  yield_,
} from '../../index.js';

const RUNS = { runs: 100, seed: 6 };

describe('the race detector', () => {
  it('should report two unsynchronized writes, even on schedules that serialize them, in Go words', async () => {
    const r = await explore(async () => {
      const counter = shared(0, 'counter');
      const done = chan<void>(2);
      for (let t = 0; t < 2; t++) {
        go(async () => {
          counter.set(counter.get() + 1);
          await done.send();
        }, `writer${t}`);
      }
      await done.recv();
      await done.recv();
    }, RUNS);
    const f = r.findings[0]!;
    expect(f.kind).toBe('race');
    expect(f.message).toBe('WARNING: DATA RACE on counter (shared#1)');
    expect(f.stack).toMatch(
      /^(Read|Write) at counter \(shared#1\) by task \d \(writer\d\):\n  src\/runtime\/happens-before\/race\.test\.ts:\d+/,
    );
    expect(f.stack).toMatch(
      /Previous (read|write) at counter \(shared#1\) by task \d \(writer\d\):\n  src\/runtime\/happens-before\/race\.test\.ts:\d+/,
    );
    expect(f.stack).toMatch(
      /task \d \(writer\d\) created at:\n  src\/runtime\/happens-before\/race\.test\.ts:\d+/,
    );
  });

  it('should see no race through a channel: the send happens before the receive completes', async () => {
    const r = await explore(async () => {
      const x = shared(0);
      const c = chan<void>();
      go(async () => {
        x.set(1);
        await c.send();
      });
      await c.recv();
      expect(x.get()).toBe(1);
    }, RUNS);
    expect(r.findings).toEqual([]);
  });

  it('should order the k-th receive before the (k+C)-th send: a buffered channel as a lock', async () => {
    const lock = async (): Promise<void> => {
      const sem = chan<void>(1);
      const x = shared(0);
      const done = chan<void>(3);
      for (let t = 0; t < 3; t++) {
        go(async () => {
          await sem.send(); // acquire
          x.set(x.get() + 1);
          await sem.recv(); // release
          await done.send();
        });
      }
      for (let t = 0; t < 3; t++) await done.recv();
    };
    expect((await explore(lock, RUNS)).findings).toEqual([]);
  });

  it('should order unlock before the next lock, and done before the wait it releases', async () => {
    const r = await explore(async () => {
      const mu = new Mutex();
      const wg = new WaitGroup();
      const x = shared(0);
      for (let t = 0; t < 3; t++) {
        wg.add(1);
        go(async () => {
          await mu.lock();
          x.set(x.get() + 1);
          mu.unlock();
          wg.done();
        });
      }
      await wg.wait();
      expect(x.get()).toBe(3);
    }, RUNS);
    expect(r.findings).toEqual([]);
  });

  it('should order a close before a receive that observes it', async () => {
    const r = await explore(async () => {
      const x = shared('');
      const ready = chan<void>();
      go(() => {
        x.set('set');
        ready.close();
      });
      await ready.recv();
      expect(x.get()).toBe('set');
    }, RUNS);
    expect(r.findings).toEqual([]);
  });

  it("should order a task's start after its parent's earlier writes, but not its parent's later reads", async () => {
    const ordered = await explore(async () => {
      const x = shared(1);
      x.set(2);
      const done = chan<void>();
      go(async () => {
        x.get();
        await done.send();
      });
      await done.recv();
    }, RUNS);
    expect(ordered.findings).toEqual([]);
    const unordered = await explore(async () => {
      const x = shared(1);
      go(() => x.set(2), 'child');
      x.get();
    }, RUNS);
    expect(unordered.findings[0]?.kind).toBe('race');
  });

  it("should report an unordered send and close as Go's detector does (a send reads the channel, a close writes it)", async () => {
    const r = await explore(
      async () => {
        const c = chan<number>(1);
        go(async () => {
          try {
            await c.send(1);
          } catch {
            // send on closed channel: recovered
          }
        }, 'sender');
        go(() => c.close(), 'closer');
      },
      { ...RUNS, findAll: true },
    );
    expect(r.findings.map((f) => f.message)).toContain('WARNING: DATA RACE on chan#1');
  });

  it('should be off with race: false', async () => {
    const r = await explore(
      async () => {
        const x = shared(0);
        go(() => x.set(1));
        x.set(2);
      },
      { ...RUNS, race: false },
    );
    expect(r.findings).toEqual([]);
  });
});

describe('the race detector and the other sync primitives', () => {
  it('should order RWMutex unlocks before later locks and rLocks', async () => {
    const r = await explore(async () => {
      const mu = new RWMutex();
      const x = shared(0);
      const wg = new WaitGroup();
      for (let t = 0; t < 2; t++) {
        wg.add(2);
        go(async () => {
          await mu.lock();
          x.set(x.get() + 1);
          mu.unlock();
          wg.done();
        });
        go(async () => {
          await mu.rLock();
          x.get();
          mu.rUnlock();
          wg.done();
        });
      }
      await wg.wait();
    }, RUNS);
    expect(r.findings).toEqual([]);
  });

  it('should order a Once body before every do returns', async () => {
    const r = await explore(async () => {
      const once = new Once();
      const x = shared(0);
      const wg = new WaitGroup();
      for (let t = 0; t < 3; t++) {
        wg.add(1);
        go(async () => {
          await once.do(() => x.set(42));
          x.get();
          wg.done();
        });
      }
      await wg.wait();
    }, RUNS);
    expect(r.findings).toEqual([]);
  });

  it('should order a Cond signal before the woken wait returns', async () => {
    const r = await explore(async () => {
      const mu = new Mutex();
      const cond = new Cond(mu);
      const x = shared(false);
      const ready = atomic.Bool ? new atomic.Bool() : null;
      go(async () => {
        await mu.lock();
        x.set(true);
        ready?.store(true);
        cond.signal();
        mu.unlock();
      });
      await mu.lock();
      while (!ready?.load()) await cond.wait();
      x.get();
      mu.unlock();
    }, RUNS);
    expect(r.findings).toEqual([]);
  });

  it('should order an atomic store before a load that observes it, and not order unrelated tasks', async () => {
    const ok = await explore(async () => {
      const flag = new atomic.Bool();
      const x = shared(0);
      go(() => {
        x.set(1);
        flag.store(true);
      });
      for (;;) {
        if (flag.load()) break;
        await yield_();
      }
      x.get();
    }, RUNS);
    expect(ok.findings).toEqual([]);
  });
});
