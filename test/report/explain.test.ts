import { describe, expect, it } from 'vitest';
import { chan, go, Mutex, program, yield_ } from 'interleave';
import { explore } from '../../src/explore/explore.js';
import type { Trace } from '../../src/explore/trace.js';
import { explain } from '../../src/report/explain.js';

/* explain() over traces recorded by explore() on small programs; the seed is printed on failure. */

const SEED = 1;
async function traceOf(main: () => Promise<void>, options = {}): Promise<Trace> {
  const r = await explore(program(main, options), { runs: 50, seed: SEED });
  expect(r.findings, `seed ${SEED}`).toHaveLength(1);
  return r.findings[0]!.trace;
}

describe('explain', () => {
  it('should say, for a deadlock, what each task waits for and why no one provides it', async () => {
    const text = explain(
      await traceOf(async () => {
        const a = chan<number>();
        const b = chan<number>();
        go(async function tee() {
          await b.send(0);
        });
        await a.recv();
      }),
    );
    expect(text).toMatch(/^fatal error: all goroutines are asleep - deadlock!\ndeadlock at step \d+: /);
    expect(text).toMatch(
      /task 2 \(tee\) waits to send on chan#2 \(at test\/report\/explain\.test\.ts:\d+\); nobody receives from chan#2: task 1 \(main\) waits to receive from chan#1 \(at test\/report\/explain\.test\.ts:\d+\)/,
    );
    expect(text).toContain('So every task waits for another one: none of them can ever move.');
  });

  it('should say who holds the mutex a deadlocked task waits for', async () => {
    const text = explain(
      await traceOf(async () => {
        const mu = new Mutex();
        const done = chan<void>();
        await mu.lock();
        go(async function locker() {
          await mu.lock();
          done.close();
        });
        await done.recv();
      }),
    );
    expect(text).toMatch(
      /task 2 \(locker\) waits to lock Mutex#1 .*; Mutex#1 is never unlocked: task 1 \(main\) locked it at step \d+/,
    );
  });

  it('should name the leaked task and the partner that returned', async () => {
    const text = explain(
      await traceOf(async () => {
        const results = chan<string>();
        go(async function first() {
          await results.send('a');
        });
        go(async function second() {
          await results.send('b');
        });
        await results.recv();
      }),
    );
    expect(text).toMatch(
      /\nMain returned at step \d+\.\nThe task left behind:\n {2}task \d \((first|second)\) waits to send on chan#1/,
    );
    expect(text).toMatch(
      /nobody receives from chan#1: no other task is left\. Earlier, task 1 \(main\) received '[ab]' from chan#1 at step \d+ and returned at step \d+/,
    );
  });

  it('should say who closed a channel before a send on it panicked, and who closed it twice', async () => {
    const send = explain(
      await traceOf(
        async () => {
          const ch = chan<number>(1);
          go(async function late() {
            await yield_();
            await ch.send(1);
          });
          ch.close();
          await yield_();
          await yield_();
        },
        { race: false },
      ), // the panic's story (with -race, Go reports the unordered close and send first)
    );
    expect(send).toMatch(/task 2 \(late\) panicked at [^:]+:\d+: send on closed channel\./);
    expect(send).toMatch(
      /chan#1 was closed by task 1 \(main\) at step \d+ \(at test\/report\/explain\.test\.ts:\d+\), before task 2 \(late\) sent on it at step \d+\./,
    );

    const twice = explain(
      await traceOf(async () => {
        const ch = chan<number>();
        go(async function closer() {
          ch.close();
        });
        await yield_();
        await yield_();
        ch.close();
      }),
    );
    expect(twice).toMatch(
      /chan#1 was closed by task \d \((main|closer)\) at step \d+ .*, before task \d \((main|closer)\) closed it again/,
    );
    expect(twice).toContain('Close a channel exactly once');
  });

  it('should describe a livelock: the tasks still alive and how long nothing happened', async () => {
    const text = explain(
      await traceOf(
        async () => {
          for (;;) await yield_();
        },
        { maxSteps: 30 },
      ),
    );
    expect(text).toContain('At step 30 the run had not finished, and none of its tasks was making progress.');
    expect(text).toMatch(/Nothing was sent, received, locked, blocked or finished in its last \d+ steps/);
    expect(text).toMatch(/task 1 \(main\) is still running; its last operation: yield/);
  });

  it('should tell a long run that reached maxSteps from a stuck one', async () => {
    const text = explain(
      await traceOf(
        async () => {
          const c = chan<number>(1);
          for (;;) {
            await c.send(1);
            await c.recv();
          }
        },
        { maxSteps: 40 },
      ),
    );
    expect(text).toContain(
      'steps at step 40: the run reached its step bound while still making progress (a long run, not a stuck one).',
    );
    expect(text).toContain(
      'raise the bound with the maxSteps option of explore() or `interleave check --max-steps N`',
    );
    expect(text).not.toContain('livelock');
  });

  it('should say there is nothing to explain without a finding', () => {
    expect(explain({ events: [], finding: null })).toContain('no finding');
  });
});

describe('explain with selects', () => {
  it("should name a blocked select's cases and why none can proceed (the seed's tee usage)", async () => {
    const { teeUsage } = await import('../../examples/seed/tee.js');
    const { findings } = await explore(teeUsage, { runs: 20, seed: 1 });
    const text = explain(findings[0]!.trace);
    expect(text).toMatch(
      /task \d \(tee\) waits to complete a select \(send 0 on chan#\d\) \(at examples\/seed\/tee\.ts:\d+\); none of its cases can proceed: nobody receives from chan#\d: task 1 \(main\) waits to receive from chan#\d/,
    );
  });
});
