import { describe, expect, it } from 'vitest';
import type { GoPanic } from '../../index.js';
import { chan, explore, go, Panic, select, time, WaitReason } from '../../index.js';

const { Second, Millisecond, Hour, Minute } = time;
const SEED = 21;

describe('time', () => {
  it('should advance virtual time only when nothing can run, and cost no real time', async () => {
    const started = performance.now();
    const r = await explore(
      async () => {
        const t0 = time.now();
        expect(t0.toString()).toBe('2000-01-01T00:00:00Z');
        await time.sleep(Hour);
        expect(time.since(t0)).toBe(Hour);
        expect(time.now().toString()).toBe('2000-01-01T01:00:00Z');
        await time.sleep(1500 * Millisecond);
        expect(time.now().toString()).toBe('2000-01-01T01:00:01.5Z');
      },
      { runs: 5 },
    );
    expect(r.findings).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('should wake sleepers in deadline order', async () => {
    const r = await explore(
      async () => {
        const order = chan<string>(3);
        go(async () => {
          await time.sleep(3 * Second);
          await order.send('3s');
        });
        go(async () => {
          await time.sleep(Second);
          await order.send('1s');
        });
        go(async () => {
          await time.sleep(2 * Second);
          await order.send('2s');
        });
        expect([await order.recv(), await order.recv(), await order.recv()]).toEqual(['1s', '2s', '3s']);
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should let the strategy order timers due at the same instant', async () => {
    const orders = new Set<string>();
    const r = await explore(
      async () => {
        const order = chan<string>(2);
        for (const name of ['a', 'b']) {
          go(async () => {
            await time.sleep(Second);
            await order.send(name);
          });
        }
        orders.add(`${await order.recv()}${await order.recv()}`);
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(orders).toEqual(new Set(['ab', 'ba']));
  });

  it('should explore after(0) racing a ready receive both ways', async () => {
    const winners = new Set<number>();
    const r = await explore(
      async () => {
        const ch = chan<string>(1);
        await ch.send('ready');
        const timeout = time.after(0);
        const x = await select([{ recv: ch }, { recv: timeout }]);
        winners.add(x.index);
      },
      { runs: 60, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(winners).toEqual(new Set([0, 1]));
  });

  describe('Timer (Go 1.23 semantics)', () => {
    it('should report whether stop and reset found the timer active', async () => {
      const r = await explore(async () => {
        const t = time.newTimer(Second);
        expect(t.C!.cap()).toBe(0);
        expect(t.stop()).toBe(true);
        expect(t.stop()).toBe(false);
        expect(t.reset(Second)).toBe(false);
        expect(t.reset(2 * Second)).toBe(true);
        const fired = await t.C!.recv();
        expect(fired!.ns).toBe(2 * Second);
        expect(t.stop()).toBe(false);
      });
      expect(r.findings).toEqual([]);
    });

    it('should never deliver a stale value after stop or reset', async () => {
      const r = await explore(async () => {
        const t = time.newTimer(Second);
        await time.sleep(2 * Second); // the timer fired; its value waits unreceived
        expect(t.stop()).toBe(true); // Go 1.23: not received yet, so still active: discarded
        expect((await select([{ recv: t.C }, { default: true }])).index).toBe(1);
        t.reset(Second);
        await time.sleep(2 * Second);
        t.reset(Second); // discards the value of the firing at 3s
        const v = await t.C!.recv();
        expect(v!.ns).toBe(5 * Second);
      });
      expect(r.findings).toEqual([]);
    });

    it("should support Go 1.23's idiom: if !t.Stop() { <-t.C } never blocks", async () => {
      const r = await explore(
        async () => {
          const t1 = time.newTimer(time.Millisecond);
          const t2 = time.newTimer(time.Millisecond);
          const s = await select([{ recv: t1.C }, { recv: t2.C }]);
          const other = s.index === 0 ? t2 : t1;
          if (!other.stop()) await other.C!.recv();
          const fired = s.index === 0 ? t1 : t2;
          expect(fired.stop()).toBe(false); // received: no longer active
        },
        { runs: 30, seed: 5 },
      );
      expect(r.findings).toEqual([]);
    });

    it('should run an afterFunc in its own task, unless stopped in time', async () => {
      const r = await explore(async () => {
        const ran = chan<string>(2);
        const stopped = time.afterFunc(Second, () => ran.send('stopped'));
        expect(stopped.C).toBeNull();
        time.afterFunc(2 * Second, async function callback() {
          await ran.send('callback');
        });
        expect(stopped.stop()).toBe(true);
        expect(await ran.recv()).toBe('callback');
        expect(time.since(new time.Time(0))).toBe(2 * Second);
      });
      expect(r.findings).toEqual([]);
    });
  });

  describe('Ticker', () => {
    it('should drop ticks for a slow receiver and skip missed periods', async () => {
      const r = await explore(async () => {
        const tk = time.newTicker(Second);
        await time.sleep(3500 * Millisecond);
        expect((await tk.C.recv())!.ns).toBe(Second); // the 2s and 3s ticks were dropped
        expect((await tk.C.recv())!.ns).toBe(4 * Second);
        tk.reset(10 * Second);
        expect((await tk.C.recv())!.ns).toBe(14 * Second);
        tk.stop();
      });
      expect(r.findings).toEqual([]);
    });

    it('should panic with Go texts for non-positive intervals', async () => {
      const texts: string[] = [];
      const r = await explore(
        async () => {
          try {
            time.newTicker(0);
          } catch (e) {
            texts.push((e as GoPanic).goMessage);
          }
          try {
            time.newTicker(Second).reset(-1);
          } catch (e) {
            texts.push((e as GoPanic).goMessage);
          }
        },
        { runs: 1 },
      );
      expect(r.findings).toEqual([]);
      expect(texts).toEqual([Panic.nonPositiveTicker, Panic.nonPositiveTickerReset]);
    });

    it('should not hide a deadlock: a ticker nobody waits on does not keep the run alive', async () => {
      const r = await explore(async () => {
        time.newTicker(Second);
        await chan<number>().recv();
      });
      expect(r.findings[0]!.kind).toBe('deadlock');
    });
  });

  describe('after main returns', () => {
    const sleepyLoop = async (): Promise<void> => {
      go(async () => {
        for (;;) await time.sleep(Second);
      }, 'poller');
    };

    it('should report a task sleeping in a loop as still alive in test mode, with wait reason sleep', async () => {
      const r = await explore(sleepyLoop, { runs: 3, graceSteps: 100_000 });
      expect(r.findings[0]!.kind).toBe('leak');
      expect(r.findings[0]!.message).toBe('leak: 1 task still alive 1m0s (virtual) after main returned');
      expect(r.findings[0]!.tasks.find((t) => t.name === 'poller')!.waitReason).toBe(WaitReason.sleep);
    });

    it('should not count it as a failure in program mode', async () => {
      const r = await explore(sleepyLoop, { runs: 3, mode: 'program' });
      expect(r.findings).toEqual([]);
    });

    it('should let a task finish within the grace time', async () => {
      const r = await explore(
        async () => {
          go(() => time.sleep(30 * Second));
        },
        { runs: 3 },
      );
      expect(r.findings).toEqual([]);
    });
  });

  it("should let a timeout beat CPU-bound work only with timeJumps: 'any'", async () => {
    const outcomes = async (timeJumps: 'due' | 'any'): Promise<Set<string>> => {
      const seen = new Set<string>();
      await explore(
        async () => {
          const done = chan<void>();
          go(async () => {
            // Work that takes steps and makes progress (a loop of yield_() would be spinning,
            // which lets time pass in every mode: see spin.test.ts).
            const work = chan<number>(3);
            for (let i = 0; i < 3; i++) await work.send(i);
            done.close();
          });
          const r = await select([{ recv: done }, { recv: time.after(Minute) }]);
          seen.add(r.index === 0 ? 'work' : 'timeout');
        },
        { runs: 100, seed: SEED, timeJumps },
      );
      return seen;
    };
    expect(await outcomes('due')).toEqual(new Set(['work']));
    expect(await outcomes('any')).toEqual(new Set(['work', 'timeout']));
  });

  it("should format durations as Go's Duration.String", () => {
    const cases: [number, string][] = [
      [0, '0s'],
      [1, '1ns'],
      [1100, '1.1µs'],
      [2_200_000, '2.2ms'],
      [3_300_000_000, '3.3s'],
      [4 * Minute + 5 * Second, '4m5s'],
      [5 * Hour + 6 * Minute + 7 * Second + Millisecond, '5h6m7.001s'],
      [Hour, '1h0m0s'],
      [-1500 * Millisecond, '-1.5s'],
    ];
    for (const [d, s] of cases) expect(time.formatDuration(d)).toBe(s);
  });
});
