import { setTimeout as sleepReal } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chan, explore, go, time } from '../index.js';

const realSetTimeout = globalThis.setTimeout;
const RealDate = Date;

afterEach(() => {
  vi.useRealTimers();
});

describe("Node's timers under a run", () => {
  it('should run setTimeout callbacks on the virtual clock, with Date and performance following it', async () => {
    const seen: string[] = [];
    const started = performance.now();
    const r = await explore(
      async () => {
        const t0 = performance.now();
        const fired = chan<string>();
        // A callback's task waits for the promise it returns: async callbacks are fine under a run.
        // eslint-disable-next-line @typescript-eslint/no-misused-promises
        setTimeout(() => fired.send(new Date().toISOString()), 1500);
        seen.push(
          new Date().toISOString(),
          (await fired.recv())!,
          String(Math.round(performance.now() - t0)),
        );
        seen.push(String(Date.now() - RealDate.UTC(2000, 0, 1)));
      },
      { runs: 1 },
    );
    expect(r.findings).toEqual([]);
    expect(seen).toEqual(['2000-01-01T00:00:00.000Z', '2000-01-01T00:00:01.500Z', '1500', '1500']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('should let the strategy order callbacks due at the same instant', async () => {
    const orders = new Set<string>();
    const r = await explore(
      async () => {
        const order: string[] = [];
        const done = chan<void>(2);
        for (const name of ['a', 'b']) {
          // eslint-disable-next-line @typescript-eslint/no-misused-promises
          setTimeout(async () => {
            order.push(name);
            await done.send();
          }, 10);
        }
        await done.recv();
        await done.recv();
        orders.add(order.join(''));
      },
      { runs: 40, seed: 4 },
    );
    expect(r.findings).toEqual([]);
    expect(orders).toEqual(new Set(['ab', 'ba']));
  });

  it('should honour clearTimeout, setInterval and clearInterval, and let an unref-ed timer go', async () => {
    const r = await explore(
      async () => {
        const ticks: number[] = [];
        const done = chan<void>();
        const cancelled = setTimeout(() => ticks.push(-1), 5);
        clearTimeout(cancelled);
        const iv = setInterval(() => {
          ticks.push(time.since(new time.Time(0)) / time.Millisecond);
          if (ticks.length === 3) {
            clearInterval(iv);
            done.close();
          }
        }, 100);
        setTimeout(() => ticks.push(-2), 10_000).unref();
        await done.recv();
        expect(ticks).toEqual([100, 200, 300]);
      },
      { runs: 5 },
    );
    expect(r.findings).toEqual([]);
  });

  it('should restore the real timers and Date after an exploration, even one that failed', async () => {
    const r = await explore(async () => {
      setTimeout(() => {}, 10);
      throw new Error('boom');
    });
    expect(r.findings[0]!.message).toBe('panic: boom');
    expect(globalThis.setTimeout).toBe(realSetTimeout);
    expect(Date).toBe(RealDate);
    expect(Math.abs(Date.now() - new RealDate().getTime())).toBeLessThan(1000);
  });

  it('should report a callback that does not await its operation, with the fix', async () => {
    const r = await explore(
      async () => {
        const done = chan<void>();
        setTimeout(() => void done.send(), 10);
        await time.sleep(time.Second);
      },
      { runs: 1 },
    );
    expect(r.findings[0]!.message).toBe(
      'error: task 2 (setTimeout(anonymous)) returned while its send() on chan#1 was still pending: an ' +
        'operation must be awaited (`await ch.send(v)`, not `void ch.send(v)`), or the task must wait for it ' +
        'before returning',
    );
  });

  it('should refuse to explore under vi.useFakeTimers()', async () => {
    vi.useFakeTimers();
    await expect(explore(async () => {})).rejects.toThrow(
      'explore() was called while timers are faked (vi.useFakeTimers() or sinon)',
    );
  });

  it('should report node:timers/promises, which uses real time, as an outside await with the hint', async () => {
    const r = await explore(
      async () => {
        go(async () => {
          await sleepReal(5);
        }, 'napper');
      },
      { runs: 1 },
    );
    expect(r.findings[0]!.message).toMatch(/^outside await: task 2 \(napper\)/);
    expect(r.findings[0]!.summary).toContain('node:timers/promises');
  });
});

describe('Node timers after main returns', () => {
  it('should run a pending callback, as Node keeps its event loop alive for it', async () => {
    const r = await explore(
      async () => {
        setTimeout(() => {
          throw new Error('late callback ran');
        }, 10);
      },
      { runs: 3 },
    );
    expect(r.findings[0]?.message).toBe('panic: late callback ran');
  });

  it('should not wait for an unref-ed callback', async () => {
    const r = await explore(
      async () => {
        setTimeout(() => {
          throw new Error('should not run');
        }, 10).unref();
      },
      { runs: 3 },
    );
    expect(r.findings).toEqual([]);
  });
});
