import { describe, expect, it } from 'vitest';
import { chan, context, explore, go, shared, time, WaitGroup } from '../../index.js';

const RUNS = { runs: 100, seed: 6 };

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
