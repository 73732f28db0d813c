import { afterEach, describe, expect, it } from 'vitest';
import { dumpTasks, watchdog } from '../free/watchdog.js';
import { explore } from '../explore/explore.js';
import { freeRuntime } from '../free/free.js';
import type { GoPanic } from '../base/errors.js';
import { chan, type Chan } from './chan.js';
import * as context from './context/index.js';
import { go } from './go.js';
import { recv, send } from './nil.js';
import { select } from './select.js';
import * as time from './time/index.js';
import { quiesce, settles } from '../../test/fixtures/settles.js';

/*
 * Free mode's fast path in company: select, close, timers, contexts, nil channels, the watchdog,
 * runs (misuse), unhandled rejections and the starvation guard. The first three tests are bugs a
 * review found (older than the fast path); they failed before their fixes.
 */

const rt = freeRuntime();

/** The unhandled rejections Node reports while `body` runs (and a little after), in place of Vitest's. */
async function unhandledDuring(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const saved = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const listener = (e: unknown): void => {
    seen.push(e);
  };
  process.on('unhandledRejection', listener);
  try {
    await body();
    await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    process.off('unhandledRejection', listener);
    for (const l of saved) process.on('unhandledRejection', l);
  }
  return seen;
}

/** Microtask ticks until `p` settles (at most 50). */
async function ticksUntilSettled(p: Promise<unknown>): Promise<number> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  let n = 0;
  while (!done && n < 50) {
    await Promise.resolve();
    n++;
  }
  return n;
}

afterEach(() => {
  rt.longWay = false;
  rt.guardEvery = 256;
});

describe('free mode: bugs found in review', () => {
  it('should not report an unhandled rejection when the starvation guard delays a caught send on a closed channel', async () => {
    // free.ts guarded/yieldIfLong: a failure that completed at once is a rejected promise held,
    // with no handler, across a setImmediate; Node reports it unhandled (and, by default, exits)
    // although the caller catches it. Both paths: a send on a closed channel always goes the long way.
    const c = chan<number>();
    c.close();
    let caught: unknown = null;
    const unhandled = await unhandledDuring(async () => {
      rt.guardEvery = 1; // look at the clock on this operation
      const spin = performance.now() + 6; // microtask work "long enough" for the guard to yield
      while (performance.now() < spin);
      caught = await c.send(1).catch((e: unknown) => e);
    });
    expect((caught as GoPanic).goMessage).toBe('send on closed channel');
    expect(unhandled).toEqual([]);
  });

  it('should report a free mode channel used by a select inside a run, not hand the run a free sender value', async () => {
    const outside = chan<number>();
    void outside.send(5); // parks a task-less sender in free mode
    let got: unknown = null;
    const r = await explore(
      async () => {
        got = await select([{ recv: outside }]);
      },
      { runs: 1 },
    );
    expect(got).toBeNull();
    expect(r.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^error: chan#\d+ was created outside any run \(free mode\)/),
    ]);
  });

  it('should report a channel of another run used by a select, naming it', async () => {
    let kept: Chan<number> | null = null;
    const r = await explore(
      async () => {
        if (kept === null) {
          kept = chan<number>(1);
          return;
        }
        await select([{ recv: kept }, { default: true }]);
      },
      { runs: 2 },
    );
    expect(r.findings.map((f) => f.message)).toEqual([
      expect.stringContaining('chan#1 belongs to run 0 but task 1 (main) of run 1 called select on it'),
    ]);
  });

  it('should accept, as Go does, one select waiting twice to receive and once to send on a channel', async () => {
    const c = chan<number>();
    const sel = select([{ recv: c }, { recv: c }, { send: c, value: 0 }]); // nobody else: it parks
    expect(await settles(sel)).toBe(false);
    expect(c.invariantViolation()).toBeNull();
  });
});

describe('free mode fast path: interplay', () => {
  it('should take the same number of microtask ticks on either path, for every way an operation ends', async () => {
    rt.guardEvery = Number.MAX_SAFE_INTEGER;
    const scenarios: Record<string, () => Promise<unknown>> = {
      'buffered send': () => chan<number>(1).send(1),
      'buffered receive': () => {
        const c = chan<number>(1);
        void c.send(1);
        return c.recv();
      },
      'receive on closed': () => {
        const c = chan<number>();
        c.close();
        return c.recvOk();
      },
      'send on closed': () => {
        const c = chan<number>();
        c.close();
        return c.send(1);
      },
      'parked receive, then a send': () => {
        const c = chan<number>();
        const p = c.recv();
        void c.send(1);
        return p;
      },
      'parked send, then a receive': () => {
        const c = chan<number>();
        const p = c.send(1);
        void c.recv();
        return p;
      },
      'parked send, then close': () => {
        const c = chan<number>();
        const p = c.send(1);
        c.close();
        return p;
      },
      'parked range, then close': () => {
        const c = chan<number>();
        const p = c[Symbol.asyncIterator]().next();
        c.close();
        return p;
      },
      'parked receive, then a select send': () => {
        const c = chan<number>();
        const p = c.recv();
        void select([{ send: c, value: 1 }]);
        return p;
      },
    };
    const fast: Record<string, number> = {};
    const long: Record<string, number> = {};
    for (const [name, scenario] of Object.entries(scenarios)) {
      rt.longWay = false;
      fast[name] = await ticksUntilSettled(scenario());
      rt.longWay = true;
      long[name] = await ticksUntilSettled(scenario());
    }
    expect(long).toEqual(fast);
  });

  it('should fire the one case of a parked select found by a fast-path op, and take it out of its other queues', async () => {
    const a = chan<number>();
    const b = chan<number>();
    const sel = select([{ recv: a }, { send: b, value: 9 }, { recv: b }]);
    expect(await a.send(1)).toBeUndefined(); // fast path: hands off to case 0
    expect(await sel).toEqual({ index: 0, value: 1, ok: true });
    expect([a.recvq.size, b.recvq.size, b.sendq.size]).toEqual([0, 0, 0]);
    const late = b.recv(); // the fired select's send case is gone: this parks
    expect(await settles(late)).toBe(false);
    await b.send(2);
    expect(await late).toBe(2);
  });

  it('should wake parked fast-path receivers and select receivers in FIFO order on close, and fail both kinds of sender', async () => {
    const c = chan<number>(0, -1);
    const log: string[] = [];
    void c.recv().then((v) => log.push(`recv ${v}`));
    void select([{ recv: c }, { recv: null }]).then((r) =>
      log.push(`select ${r.index} ${String(r.value)} ${r.ok}`),
    );
    void c.recvOk().then((v) => log.push(`recvOk ${String(v)}`));
    c.close();
    await quiesce();
    expect(log).toEqual(['recv -1', 'select 0 -1 false', 'recvOk -1,false']);

    const d = chan<number>();
    const fastSend = d.send(1);
    const selSend = select([{ send: d, value: 2 }, { recv: null }]);
    d.close();
    const errs = await Promise.all(
      [fastSend, selSend].map((p) =>
        p.then(
          () => null,
          (e: unknown) => e,
        ),
      ),
    );
    expect(errs.map((e) => (e as GoPanic).goMessage)).toEqual([
      'send on closed channel',
      'send on closed channel',
    ]);
  });

  it('should fail parked senders of both paths without an unhandled rejection when a timer closes the channel', async () => {
    const c = chan<number>();
    const results: unknown[] = [];
    const unhandled = await unhandledDuring(async () => {
      const fastSend = c.send(1);
      rt.longWay = true;
      const longSend = c.send(2);
      rt.longWay = false;
      setTimeout(() => c.close(), 1);
      for (const p of [fastSend, longSend])
        results.push(await p.catch((e: unknown) => (e as GoPanic).goMessage));
    });
    expect(results).toEqual(['send on closed channel', 'send on closed channel']);
    expect(unhandled).toEqual([]);
  });

  it('should wake a fast-path receive on a context done channel when it is canceled, and on a deadline', async () => {
    const [ctx, cancel] = context.withCancel(context.background());
    const waiting = ctx.done()!.recvOk();
    expect(await settles(waiting)).toBe(false);
    cancel();
    expect(await waiting).toEqual([undefined, false]);

    const [timed, cancelTimed] = context.withTimeout(context.background(), 5 * time.Millisecond);
    const got: number[] = [];
    for await (const v of timed.done()!) got.push(v as unknown as number);
    expect(got).toEqual([]);
    expect(timed.err()).toBe(context.deadlineExceeded);
    cancelTimed();
  });

  it('should let a timer channel in a select fire beside fast-path operations', async () => {
    const c = chan<number>();
    const timer = time.after(5 * time.Millisecond);
    const sel = select([{ recv: c }, { recv: timer }]);
    expect(await settles(sel)).toBe(false);
    const r = await sel;
    expect(r.index).toBe(1);
    const late = c.send(1); // the select left c's queue when the timer fired: this parks
    expect(await settles(late)).toBe(false);
    expect(await c.recv()).toBe(1);
  });

  it('should never complete operations on the nil channel, while a select with a nil case fires its other case', async () => {
    const c = chan<number>();
    const nilRecv = recv(null);
    const nilSend = send(null, 1);
    const sel = select([{ recv: null }, { send: null, value: 0 }, { recv: c }]);
    await c.send(3);
    expect(await sel).toEqual({ index: 2, value: 3, ok: true });
    expect(await settles(Promise.race([nilRecv, nilSend]))).toBe(false);
  });

  it('should let a timer fire while two tasks ping-pong on unbuffered channels (the guard, with parking)', async () => {
    const ping = chan<number>();
    const pong = chan<number>();
    let fired = false;
    setTimeout(() => (fired = true), 5);
    go(async () => {
      for await (const n of ping) await pong.send(n + 1);
    });
    const started = performance.now();
    let rounds = 0;
    while (!fired && performance.now() - started < 2000) {
      await ping.send(rounds);
      rounds = (await pong.recv()) ?? -1;
    }
    ping.close();
    expect(fired).toBe(true);
    expect(rounds).toBeGreaterThan(0);
  });

  it('should complete task-less waiters parked before the watchdog came on, and Task waiters after it went off', async () => {
    const c = chan<number>();
    const early = c.recv(); // fast path: parked with no Task
    const stop = watchdog({ write: () => {}, exitCode: null });
    try {
      expect(rt.fast).toBe(false);
      await c.send(1); // the long way finds a task-less receiver
      expect(await early).toBe(1);
      expect(dumpTasks()).not.toContain('[chan receive]');
      const d = chan<number>();
      const watched = d.recv(); // the long way: parked with a Task, seen by the watchdog
      expect(dumpTasks()).toContain('[chan receive]');
      stop();
      expect(rt.fast).toBe(true);
      await d.send(2); // the fast path wakes a Task waiter while the watchdog is off
      expect(await watched).toBe(2);
    } finally {
      stop();
    }
  });

  it('should report every kind of plain receive on a free channel inside a run as misuse, leaving its free sender parked', async () => {
    for (const how of ['recv', 'recvOk', 'range'] as const) {
      const outside = chan<number>();
      const sent = outside.send(7); // a task-less sender, parked before the run
      const r = await explore(
        async () => {
          if (how === 'recv') await outside.recv();
          else if (how === 'recvOk') await outside.recvOk();
          else for await (const v of outside) return v;
        },
        { runs: 1 },
      );
      expect(r.findings.map((f) => f.message)).toEqual([
        expect.stringMatching(
          /^error: chan#\d+ was created outside any run \(free mode\) but task 1 \(main\) of run 0 called recv on it/,
        ),
      ]);
      expect(await settles(sent)).toBe(false);
      expect(rt.fast).toBe(true); // the run is over: the fast path is back
      expect(await outside.recv()).toBe(7);
      await sent;
    }
  });
});
