import { describe, expect, it } from 'vitest';
import {
  chan,
  explore,
  external,
  Fatal,
  go,
  RandomStrategy,
  select,
  settle,
  time,
  yield_,
  type ChoicePoint,
  type Strategy,
} from '../core.js';

/*
 * The step loop's contract (run-loop.ts), branch by branch: when nothing is runnable (quiescence:
 * a settle() waiter, the end of a clean run, a Node timer that keeps the run alive, time moving to
 * the next timer, outside work, the verdict deferred one microtask, compatibility mode's outside
 * await, deadlock, leak), the step bounds (grace after main returned, livelock, maxSteps) and a
 * due timer offered alongside runnable tasks. Each is a small program run through explore().
 */

/** Virtual milliseconds since the run started. */
const elapsedMs = (): number => time.since(new time.Time(0)) / time.Millisecond;

describe('the run loop when nothing is runnable', () => {
  it('should wake a settle() waiter before moving the clock to a pending timer', async () => {
    const seen: string[] = [];
    const r = await explore(
      async () => {
        const done = chan<void>();
        go(async () => {
          await time.sleep(time.Second);
          await done.send();
        }, 'sleeper');
        await settle(); // the sleeper is blocked on its timer: settle returns at once, at time 0
        seen.push(`settled at ${elapsedMs()} ms`);
        await done.recv();
        seen.push(`received at ${elapsedMs()} ms`);
      },
      { runs: 5 },
    );
    expect(r.findings).toEqual([]);
    expect(seen).toEqual(Array.from({ length: 5 }, () => ['settled at 0 ms', 'received at 1000 ms']).flat());
  });

  it('should end a run clean when every task finished, leaving an armed Go timer behind', async () => {
    const r = await explore(
      async () => {
        go(() => yield_());
        time.newTimer(time.Hour); // never stopped: Go leaks no goroutine for it
        await yield_();
      },
      { runs: 10 },
    );
    expect(r.findings).toEqual([]);
  });

  it("should keep a run alive for a ref'd Node timer until its callback ran, not for an unref'd one", async () => {
    const ranAt = (unref: boolean): Promise<number[]> =>
      (async () => {
        const times: number[] = [];
        const r = await explore(
          async () => {
            const handle = setTimeout(() => times.push(elapsedMs()), 25);
            if (unref) handle.unref();
          },
          { runs: 3 },
        );
        expect(r.findings).toEqual([]);
        return times;
      })();
    expect(await ranAt(false)).toEqual([25, 25, 25]);
    expect(await ranAt(true)).toEqual([]);
  });

  it('should move the clock to the next timer when every task is blocked (durably blocked)', async () => {
    const order: string[] = [];
    const r = await explore(
      async () => {
        const done = chan<void>(2);
        for (const ms of [300, 100]) {
          go(async () => {
            await time.sleep(ms * time.Millisecond);
            order.push(`${ms} woke at ${elapsedMs()}`);
            await done.send();
          });
        }
        await done.recv();
        await done.recv();
      },
      { runs: 1 },
    );
    expect(r.findings).toEqual([]);
    expect(order).toEqual(['100 woke at 100', '300 woke at 300']);
  });

  it('should not wait for a channel timer nobody receives from: blocked elsewhere, it is a deadlock', async () => {
    const r = await explore(
      async () => {
        time.after(time.Second); // Go 1.23: not pending while no task waits on its channel
        await chan<number>().recv();
      },
      { runs: 1 },
    );
    expect(r.findings[0]?.kind).toBe('deadlock');
    expect(r.findings[0]?.message).toBe(`fatal error: ${Fatal.deadlock}`);
  });

  it('should report outside work only a real macrotask settles as an outside await, not wait for it', async () => {
    const realSetImmediate = globalThis.setImmediate;
    const r = await explore(
      async () => {
        const ch = chan<number>();
        go(async () => ch.recv(), 'receiver');
        // Only the real event loop settles the work: the explorer neither sees nor replays that.
        const v = await external(() => new Promise<number>((resolve) => realSetImmediate(() => resolve(7))));
        await ch.send(v);
      },
      { runs: 3 },
    );
    expect(r.findings.map((f) => [f.cause, f.message.split(' is waiting')[0]])).toEqual([
      ['outside-await', 'outside await: task 1 (main)'],
    ]);
  });

  it('should defer the verdict one microtask: a second operation from the synchronous tail is the misuse', async () => {
    const r = await explore(
      async () => {
        const a = chan<number>();
        const b = chan<number>();
        // a.recv() blocks main at once; nothing else is runnable, which looks like a deadlock until
        // b.recv(), called in the same synchronous tail, shows two operations in flight.
        await Promise.race([a.recv(), b.recv()]);
      },
      { runs: 1 },
    );
    expect(r.findings[0]?.kind).toBe('error');
    expect(r.findings[0]?.message).toMatch(/^error: two operations in flight: recv\(\) was called/);
  });

  it('should report a task awaiting a plain promise nothing settles as an outside await in compatibility mode', async () => {
    const r = await explore(
      async () => {
        go(async () => {
          await yield_();
          await new Promise<void>(() => {}); // a plain promise nothing settles
        }, 'waiter');
        await chan<void>().recv();
      },
      { runs: 1, compat: 'on' },
    );
    expect(r.findings[0]?.kind).toBe('error');
    expect(r.findings[0]?.message).toMatch(/^outside await: task 2 \(waiter\) is waiting on something/);
  });

  it('should call a blocked main with nothing left to move a deadlock, naming every blocked task', async () => {
    const r = await explore(
      async () => {
        const ch = chan<number>();
        go(() => ch.recv(), 'reader');
        await chan<number>().recv();
      },
      { runs: 3 },
    );
    const f = r.findings[0]!;
    expect(f.kind).toBe('deadlock');
    expect(f.summary).toMatch(
      /^every task is blocked: task 1 \(main\) \[chan receive\] on chan#2; task 2 \(reader\) \[chan receive\] on chan#1$/,
    );
  });

  it('should call a task blocked forever after main returned a leak, in program mode too', async () => {
    for (const mode of ['test', 'program'] as const) {
      const r = await explore(
        async () => {
          const ch = chan<number>();
          go(() => ch.send(1), 'writer');
        },
        { runs: 3, mode },
      );
      expect(r.findings[0]?.kind).toBe('leak');
      expect(r.findings[0]?.message).toBe('leak: 1 task blocked forever after main returned');
    }
  });
});

describe('the run loop after main returned', () => {
  const sleepsAfterMain = async (): Promise<void> => {
    go(() => time.sleep(2 * time.Minute), 'late');
    await yield_();
  };

  it('should stop at the grace time in test mode: a task still asleep then is a leak', async () => {
    const r = await explore(sleepsAfterMain, { runs: 1 });
    expect(r.findings[0]?.kind).toBe('leak');
    expect(r.findings[0]?.message).toBe('leak: 1 task still alive 1m0s (virtual) after main returned');
    const longer = await explore(sleepsAfterMain, { runs: 1, graceTime: 3 * time.Minute });
    expect(longer.findings).toEqual([]);
  });

  it('should end at the grace time in program mode without a finding', async () => {
    const r = await explore(sleepsAfterMain, { runs: 1, mode: 'program' });
    expect(r.findings).toEqual([]);
  });

  it('should stop at the grace steps in test mode: a task still stepping then is a leak', async () => {
    const yieldsAfterMain = async (): Promise<void> => {
      go(async () => {
        for (let i = 0; i < 30; i++) await yield_();
      }, 'counter');
    };
    const cut = await explore(yieldsAfterMain, { runs: 1, graceSteps: 10 });
    expect(cut.findings[0]?.kind).toBe('leak');
    expect(cut.findings[0]?.message).toBe('leak: 1 task still alive 10 steps after main returned');
    expect((await explore(yieldsAfterMain, { runs: 1, graceSteps: 100 })).findings).toEqual([]);
    expect((await explore(yieldsAfterMain, { runs: 1, graceSteps: 10, mode: 'program' })).findings).toEqual(
      [],
    );
  });
});

describe('the run loop at its step bounds', () => {
  const spinners = async (): Promise<void> => {
    const never = chan<void>();
    go(async () => {
      for (;;) await yield_();
    }, 'spinner');
    for (;;) if ((await select([{ recv: never }, { default: true }])).index === 0) return;
  };

  it('should end a run that makes no progress for livelockSteps as a livelock at that bound', async () => {
    const r = await explore(spinners, { runs: 1, livelockSteps: 200, shrink: false });
    const f = r.findings[0]!;
    expect(f.kind).toBe('livelock');
    expect(f.message).toBe('livelock: no progress in 200 steps in run 0');
    expect(f.step).toBeGreaterThanOrEqual(200);
    expect(f.step).toBeLessThan(220);
  });

  it('should end a run that keeps making progress at maxSteps as a step limit', async () => {
    const r = await explore(
      async () => {
        const ch = chan<number>(1);
        for (;;) {
          await ch.send(1);
          await ch.recv();
        }
      },
      { runs: 1, maxSteps: 300, shrink: false },
    );
    const f = r.findings[0]!;
    expect(f.kind).toBe('steps');
    expect(f.step).toBe(300);
    expect(f.message).toBe('step limit: run 0 reached maxSteps (300) while still making progress');
  });
});

/** Random choices, remembering every choice point that offered a task and a timer together. */
class MixedPoints implements Strategy {
  readonly name = 'mixed-points';
  readonly params = {};
  readonly mixed: { kind: string; ids: string[] }[] = [];
  private readonly inner = new RandomStrategy(1);

  beginRun(run: number): boolean {
    return this.inner.beginRun(run);
  }

  choose(point: ChoicePoint): number {
    const ids = point.options.map((o) => o.stableId);
    if (ids.some((id) => id.includes('@timer')) && ids.some((id) => !id.includes('@timer'))) {
      this.mixed.push({ kind: point.kind, ids });
    }
    return this.inner.choose(point);
  }

  endRun(): void {}
}

describe('the run loop with a due timer and a runnable task', () => {
  it('should offer both in one choice of kind task, and either order can happen', async () => {
    const orders = new Set<string>();
    const strategy = new MixedPoints();
    await explore(
      async () => {
        const order: string[] = [];
        const done = chan<void>();
        // Both due at 10 ms: whichever fires first, the other is due while a task is runnable.
        // A callback's task waits for the promise it returns: async callbacks are fine under a run.
        // eslint-disable-next-line @typescript-eslint/no-misused-promises
        setTimeout(async () => {
          order.push('timer');
          await done.send();
        }, 10);
        go(async () => {
          await time.sleep(10 * time.Millisecond);
          order.push('task');
          await done.send();
        }, 'worker');
        await done.recv();
        await done.recv();
        orders.add(order.join(','));
      },
      { runs: 30, strategy },
    );
    // Tasks first (by id), then the due timers: one option list, one choice.
    expect(strategy.mixed).toContainEqual({ kind: 'task', ids: ['main/worker', 'main@timer1'] });
    expect(orders).toEqual(new Set(['timer,task', 'task,timer']));
  });
});
