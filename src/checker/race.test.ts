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
  context,
  shared,
  time,
  WaitGroup,
  yield_,
} from '../index.js';

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
      /^(Read|Write) at counter \(shared#1\) by task \d \(writer\d\):\n  src\/checker\/race\.test\.ts:\d+/,
    );
    expect(f.stack).toMatch(
      /Previous (read|write) at counter \(shared#1\) by task \d \(writer\d\):\n  src\/checker\/race\.test\.ts:\d+/,
    );
    expect(f.stack).toMatch(/task \d \(writer\d\) created at:\n  src\/checker\/race\.test\.ts:\d+/);
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

/** The race findings' messages of an exploration of `main` (other findings ignored). */
async function races(main: () => Promise<void>): Promise<string[]> {
  const r = await explore(main, { ...RUNS, findAll: true });
  return r.findings.filter((f) => f.kind === 'race').map((f) => f.message);
}

describe('the race detector, timers and context', () => {
  const RACE = ['WARNING: DATA RACE on x (shared#1)'];

  it("should order an afterFunc's arming before its function, and only the arming", async () => {
    const program = (writeAfterArming: boolean) => async () => {
      const x = shared(0, 'x');
      const done = chan<void>(1);
      if (!writeAfterArming) x.set(1);
      time.afterFunc(time.Millisecond, async () => {
        x.get();
        await done.send();
      });
      if (writeAfterArming) x.set(1);
      await done.recv();
    };
    expect(await races(program(false))).toEqual([]);
    expect(await races(program(true))).toEqual(RACE);
  });

  it("should order a timer's reset before the receive of its firing", async () => {
    const program = (writeAfterReset: boolean) => async () => {
      const x = shared(0, 'x');
      const timer = time.newTimer(time.Second * 3600);
      const wg = new WaitGroup();
      wg.add(1);
      go(async () => {
        await timer.C!.recv();
        x.get();
        wg.done();
      });
      if (!writeAfterReset) x.set(1);
      timer.reset(time.Millisecond);
      if (writeAfterReset) x.set(1);
      await wg.wait();
    };
    expect(await races(program(false))).toEqual([]);
    expect(await races(program(true))).toEqual(RACE);
  });

  it('should order a cancel before a receive on done(), even when done() is first called after it', async () => {
    const program = (doneFirst: boolean) => async () => {
      const x = shared(0, 'x');
      const [ctx, cancel] = context.withCancel(context.background());
      const wg = new WaitGroup();
      wg.add(1);
      const done = doneFirst ? ctx.done()! : null;
      go(async () => {
        await time.sleep(time.Second); // no synchronization: the cancel has happened by now
        await (done ?? ctx.done()!).recv();
        x.get();
        wg.done();
      });
      x.set(1);
      cancel();
      await wg.wait();
    };
    expect(await races(program(true))).toEqual([]);
    expect(await races(program(false))).toEqual([]);
  });

  it('should order a cancel before an err() or cause() that sees it', async () => {
    const r = await races(async () => {
      const x = shared(0, 'x');
      const [ctx, cancel] = context.withCancel(context.background());
      const wg = new WaitGroup();
      wg.add(1);
      go(async () => {
        await time.sleep(time.Second);
        if (ctx.err() !== null) x.get();
        wg.done();
      });
      x.set(1);
      cancel();
      await wg.wait();
    });
    expect(r).toEqual([]);
  });

  it("should order a deadline's arming before the receives that see it expire", async () => {
    const program = (writeAfterArming: boolean) => async () => {
      const x = shared(0, 'x');
      let ctx: context.Context | null = null; // a plain variable: no synchronization
      const wg = new WaitGroup();
      wg.add(1);
      go(async () => {
        await time.sleep(time.Second); // the deadline has passed by now
        await ctx!.done()!.recv();
        x.get();
        wg.done();
      });
      if (!writeAfterArming) x.set(1);
      const [c, cancel] = context.withTimeout(context.background(), time.Millisecond);
      ctx = c;
      if (writeAfterArming) x.set(1);
      await wg.wait();
      cancel();
    };
    expect(await races(program(false))).toEqual([]);
    expect(await races(program(true))).toEqual(RACE);
  });
});

describe('the race detector and WaitGroup misuse', () => {
  it("should report an add from zero racing a wait (Go's detector rule), and not the usual pattern", async () => {
    const wrong = await explore(
      async () => {
        const wg = new WaitGroup();
        const c = chan<void>(2);
        for (let i = 0; i < 2; i++) {
          go(async () => {
            wg.add(1); // too late: inside the task, unordered with main's wait
            await time.sleep(100 * time.Millisecond);
            wg.done();
            await c.send();
          });
        }
        await time.sleep(50 * time.Millisecond);
        await wg.wait();
        await c.recv();
        await c.recv();
      },
      { ...RUNS, findAll: true },
    );
    expect(wrong.findings.filter((f) => f.kind === 'race').map((f) => f.message)).toEqual([
      'WARNING: DATA RACE on WaitGroup#1 (Add called concurrently with Wait)',
    ]);

    const right = await explore(async () => {
      const wg = new WaitGroup();
      for (let i = 0; i < 2; i++) {
        wg.add(1);
        go(async () => {
          await time.sleep(100 * time.Millisecond);
          wg.done();
        });
      }
      await wg.wait();
      wg.add(1); // reuse after wait returned: ordered
      go(() => wg.done());
      await wg.wait();
    }, RUNS);
    expect(right.findings).toEqual([]);
  });
});

describe('race reports', () => {
  it('should report each pair of source sites once, as Go does', async () => {
    const r = await explore(
      async () => {
        const x = shared(0, 'x');
        const wg = new WaitGroup();
        wg.add(4);
        go(() => {
          x.set(1); // races with both readers
          wg.done();
        }, 'writer');
        go(() => {
          x.get();
          wg.done();
        }, 'readerA');
        go(() => {
          x.get();
          wg.done();
        }, 'readerB');
        go(() => {
          x.set(2); // the same line as nothing else: a third pair with the writer
          wg.done();
        }, 'writer2');
        await wg.wait();
      },
      { runs: 200, seed: 4, findAll: true },
    );
    const reports = r.findings.filter((f) => f.kind === 'race');
    const pairs = reports.map((f) => {
      const lines = f.stack!.split('\n');
      return [lines[1]!.trim(), lines[4]!.trim()].sort().join(' & ');
    });
    expect(new Set(pairs).size).toBe(pairs.length); // no pair twice
    // writer/readerA, writer/readerB, writer/writer2, writer2/readerA, writer2/readerB
    expect(pairs.length).toBe(5);
  });
});
