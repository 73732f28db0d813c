import { describe, expect, it } from 'vitest';
import { context, explore, go, Mutex, select, shared, time, yield_ } from '../index.js';
import { decodeReplay, encodeReplay } from '../explore/trace.js';
import { ReplayStrategy } from '../strategies/replay.js';

const { Millisecond, Second } = time;
const STRATEGIES = ['random', 'pct', 'portfolio', 'dfs', 'dpor'] as const;

/*
 * Issue 14, item 3: in Go, time passes while goroutines spin. A task polling (a select with
 * default, tryLock, a yield_() loop) for what a timer brings must see that timer fire: when every
 * runnable task keeps spinning, moving the clock to the next timer is a choice of the strategy.
 */
describe('time passes while tasks spin', () => {
  for (const strategy of STRATEGIES) {
    it(`should fire time.after for a select-with-default poller (${strategy})`, async () => {
      const r = await explore(
        async () => {
          const timeout = time.after(100 * Millisecond);
          for (;;) {
            const s = await select([{ recv: timeout }, { default: true }]);
            if (s.index === 0) {
              expect(time.now().ns).toBe(100 * Millisecond);
              return;
            }
            expect(time.now().ns).toBeLessThan(100 * Millisecond); // deadline order: never past it
          }
        },
        { runs: 20, strategy, console: 'quiet' },
      );
      expect(r.findings).toEqual([]);
    });

    it(`should reach the bug behind a yield_() loop waiting for a sleeper (${strategy})`, async () => {
      const r = await explore(
        async () => {
          const flag = shared(false, 'flag');
          go(async () => {
            await time.sleep(Second);
            flag.set(true);
          }, 'sleeper');
          while (!flag.get()) await yield_();
          throw new Error('the bug behind the loop');
        },
        { runs: 20, strategy, console: 'quiet', race: false },
      );
      expect(r.findings.map((f) => f.message)).toEqual(['panic: the bug behind the loop']);
    });
  }

  it('should let a tryLock loop get the mutex its sleeping holder releases', async () => {
    const r = await explore(
      async () => {
        const mu = new Mutex();
        const held = shared(false);
        go(async () => {
          await mu.lock();
          held.set(true);
          await time.sleep(Second);
          mu.unlock();
        }, 'holder');
        while (!held.get()) await yield_();
        while (!mu.tryLock()) await yield_();
        expect(time.now().ns).toBe(Second);
        mu.unlock();
      },
      { runs: 30, console: 'quiet', race: false },
    );
    expect(r.findings).toEqual([]);
  });

  it("should let a poller see a context's deadline and a ticker's ticks", async () => {
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withTimeout(context.background(), 50 * Millisecond);
        const ticker = time.newTicker(10 * Millisecond);
        let ticks = 0;
        for (;;) {
          const s = await select([{ recv: ctx.done() }, { recv: ticker.C }, { default: true }]);
          if (s.index === 0) break;
          if (s.index === 1) ticks++;
        }
        ticker.stop();
        cancel();
        expect(ctx.err()).toBe(context.deadlineExceeded);
        expect(time.now().ns).toBeGreaterThanOrEqual(50 * Millisecond); // time may pass during a spin
        expect(ticks).toBeLessThanOrEqual(5);
      },
      { runs: 30, console: 'quiet' },
    );
    expect(r.findings).toEqual([]);
  });

  it('should explore both sides of the jump: time passing during a short spin, or not', async () => {
    for (const strategy of ['dfs', 'dpor'] as const) {
      const seen = new Set<boolean>();
      const r = await explore(
        async () => {
          const flag = shared(false, 'flag');
          go(async () => {
            await time.sleep(Millisecond);
            flag.set(true);
          }, 'sleeper');
          for (let i = 0; i < 3; i++) await yield_();
          seen.add(flag.get());
        },
        { runs: 200, strategy, console: 'quiet', race: false },
      );
      expect(r.findings).toEqual([]);
      expect(seen, strategy).toEqual(new Set([false, true]));
    }
  });

  it('should not let time pass after a single poll that moved on', async () => {
    const r = await explore(
      async () => {
        const t = time.newTimer(Second);
        await time.sleep(2 * Second);
        t.stop();
        expect((await select([{ recv: t.C }, { default: true }])).index).toBe(1);
        t.reset(Second); // right after one poll: no time passed in between
        const v = await t.C!.recv();
        expect(v!.ns).toBe(3 * Second);
      },
      { runs: 50, console: 'quiet' },
    );
    expect(r.findings).toEqual([]);
  });

  it('should replay a schedule that moved the clock past spinning tasks from its replay string', async () => {
    const program = async (): Promise<void> => {
      const flag = shared(false, 'flag');
      go(async () => {
        await time.sleep(Second);
        flag.set(true);
      }, 'sleeper');
      while (!flag.get()) await yield_();
      throw new Error('reached');
    };
    const r = await explore(program, { runs: 5, console: 'quiet', race: false });
    const trace = r.findings[0]!;
    expect(trace.message).toBe('panic: reached');
    const t = r.findings[0]!.trace;
    expect(t.choices.some((c) => c.id.includes('@timer'))).toBe(true);
    const recipe = decodeReplay(
      encodeReplay({ program: null, options: t.options, run: t.run, choices: t.choices }),
    );
    const again = await explore(program, {
      strategy: new ReplayStrategy(recipe.choices),
      runs: 1,
      console: 'quiet',
      race: false,
      shrink: false,
    });
    expect(again.findings.map((f) => f.message)).toEqual(['panic: reached']);
  });

  it('should keep replaying choices recorded before time could move past spins', async () => {
    // Recorded when a lone spinning task with a timer armed had nothing to choose: a recording's
    // next choice belongs to a later step, so the point it lacks takes the task, as it did then.
    const choices = [{ step: 5, kind: 'task' as const, id: 'main' }];
    const s = new ReplayStrategy(choices);
    s.beginRun(0);
    const task = { stableId: 'main', task: 1, footprint: () => [] };
    const timer = { stableId: 'main@timer1', task: 1, footprint: () => [] };
    const point = { step: 2, kind: 'task' as const, options: [task, timer], last: 1, log: null };
    expect(s.choose(point)).toBe(0);
    expect(s.choose({ ...point, step: 5, options: [timer, task] })).toBe(1);
    expect(s.finished).toBe(true);
  });
});

describe('timers in deadline order, and cleared timers never fire', () => {
  for (const timeJumps of ['due', 'any'] as const) {
    it(`should fire a 100 ms timer before a 150 ms one, unref'd or not (timeJumps: ${timeJumps})`, async () => {
      const orders = new Set<string>();
      const r = await explore(
        async () => {
          const order: string[] = [];
          const early = setTimeout(() => order.push('100'), 100);
          early.unref(); // still fires while the run goes on, as in Node
          setTimeout(() => order.push('150'), 150);
          const c = time.after(120 * Millisecond);
          await time.sleep(Second);
          await c.recv();
          orders.add(order.join(','));
          // In deadline order. (With 'any' a callback's task may start late, as any task may.)
          if (timeJumps === 'due') expect(order).toEqual(['100', '150']);
        },
        { runs: 100, timeJumps, console: 'quiet' },
      );
      expect(r.findings).toEqual([]);
      expect(orders.has('100,150')).toBe(true);
    });

    it(`should never run a callback after clearTimeout (timeJumps: ${timeJumps})`, async () => {
      const r = await explore(
        async () => {
          let cleared = false;
          const h = setTimeout(() => {
            if (cleared) throw new Error('fired after clearTimeout');
          }, 100);
          await yield_();
          clearTimeout(h);
          cleared = true;
          await time.sleep(Second);
        },
        { runs: 200, timeJumps, console: 'quiet' },
      );
      expect(r.findings).toEqual([]);
    });

    it(`should run one of two same-instant callbacks that clear each other (timeJumps: ${timeJumps})`, async () => {
      const r = await explore(
        async () => {
          let ran = 0;
          const a: ReturnType<typeof setTimeout> = setTimeout(() => {
            if (++ran > 1) throw new Error('both ran');
            clearTimeout(b);
          }, 10);
          const b: ReturnType<typeof setTimeout> = setTimeout(() => {
            if (++ran > 1) throw new Error('both ran');
            clearTimeout(a);
          }, 10);
          await time.sleep(Second);
          if (timeJumps === 'due') expect(ran).toBe(1);
        },
        { runs: 100, timeJumps, console: 'quiet' },
      );
      expect(r.findings).toEqual([]);
    });
  }
});
