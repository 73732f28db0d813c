import { describe, expect, it } from 'vitest';
import { chan, context, explore, go, select } from '../../index.js';
import { Hour, Millisecond, Second } from '../../base/duration.js';
import { clock, nap } from './testing.js';

const SEED = 3;

describe(`context.withDeadline and withTimeout (seed ${SEED})`, () => {
  it('should wake a select on done() when the timeout fires, the clock jumping to the deadline', async () => {
    const seen: string[] = [];
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withTimeout(context.background(), 50 * Millisecond);
        const results = chan<number>();
        go(async () => {
          const got = await select([{ recv: ctx.done() }, { recv: results }]);
          seen.push(`case ${got.index} at ${clock() / Millisecond}ms: ${ctx.err()?.message}`);
          await results.send(0); // tell main
        }, 'waiter');
        await results.recv();
        cancel();
        if (ctx.deadline()[0] !== 50 * Millisecond || !ctx.deadline()[1]) throw new Error('deadline');
        if (ctx.err() !== context.deadlineExceeded) throw new Error(`err ${String(ctx.err())}`);
      },
      { runs: 20, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(new Set(seen)).toEqual(new Set(['case 0 at 50ms: context deadline exceeded']));
  });

  it("should clip a child's later deadline to its parent's, and keep an earlier one", async () => {
    const seen: string[] = [];
    const r = await explore(
      async () => {
        const [parent, cancelParent] = context.withTimeout(context.background(), 10 * Millisecond);
        const [later, cancelLater] = context.withTimeout(parent, Second);
        const [sooner, cancelSooner] = context.withDeadline(parent, 4 * Millisecond);
        seen.push(`later ${later.deadline()[0] / Millisecond}ms ${String(later)}`);
        seen.push(`sooner ${sooner.deadline()[0] / Millisecond}ms`);
        await sooner.done()!.recv();
        seen.push(
          `sooner done at ${clock() / Millisecond}ms: ${sooner.err()?.message}; parent ${parent.err()}`,
        );
        await later.done()!.recv();
        seen.push(`later done at ${clock() / Millisecond}ms: ${later.err()?.message}`);
        cancelLater();
        cancelSooner();
        cancelParent();
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(seen).toEqual([
      'later 10ms context.Background.WithDeadline(T+10ms [10ms]).WithCancel',
      'sooner 4ms',
      'sooner done at 4ms: context deadline exceeded; parent null',
      'later done at 10ms: context deadline exceeded',
    ]);
  });

  it('should cancel at once for a deadline already passed, with no timer', async () => {
    const r = await explore(
      async () => {
        await nap(5 * Millisecond);
        const [ctx, cancel] = context.withDeadline(context.background(), Millisecond);
        const [zero] = context.withTimeout(context.background(), 0);
        if (ctx.err() !== context.deadlineExceeded || zero.err() !== context.deadlineExceeded)
          throw new Error('not expired');
        await ctx.done()!.recv();
        cancel();
        if (ctx.err() !== context.deadlineExceeded) throw new Error('cancel after expiry changed err');
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should stop the timer on cancel: err is canceled and the deadline never fires', async () => {
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withTimeout(context.background(), 10 * Millisecond);
        go(cancel, 'canceler');
        await ctx.done()!.recv();
        if (ctx.err() !== context.canceled || clock() !== 0) throw new Error(`${ctx.err()?.message}`);
        await nap(Second);
        throw new Error('end'); // a finding, so the trace's events can be read
      },
      { runs: 1, seed: SEED },
    );
    const events = r.findings[0]!.trace.events;
    expect(r.findings[0]!.message).toBe('panic: end');
    expect(events.filter((e) => e.event === 'TimerFired').map((e) => e.obj)).toEqual(['context#2 deadline']);
    expect(events.filter((e) => e.event === 'ContextCanceled').map((e) => `${e.obj} ${e.detail}`)).toEqual([
      'context#1 context canceled',
      'context#2 context deadline exceeded',
    ]);
  });

  // Go leaks no goroutine for a forgotten WithTimeout cancel: a timer left armed is no task.
  it('should not report a leak for a forgotten cancel whose deadline is past the grace time', async () => {
    const r = await explore(
      async () => {
        context.withTimeout(context.background(), Hour);
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should explore both outcomes of a cancel at the instant the deadline fires', async () => {
    const outcomes = new Set<string>();
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withTimeout(context.background(), 10 * Millisecond);
        go(async () => {
          await nap(10 * Millisecond);
          cancel();
        }, 'canceler');
        await ctx.done()!.recv();
        outcomes.add(ctx.err()!.message);
      },
      { runs: 60, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(outcomes).toEqual(new Set(['context canceled', 'context deadline exceeded']));
  });

  it('should report the cause of withTimeoutCause when the deadline passes, and err deadlineExceeded', async () => {
    const seen: string[] = [];
    const r = await explore(
      async () => {
        const slow = new Error('backend too slow');
        const [ctx, cancel] = context.withTimeoutCause(context.background(), Second, slow);
        const [child] = context.withCancel(ctx);
        await child.done()!.recv();
        seen.push(ctx.err()!.message, context.cause(ctx)!.message, context.cause(child)!.message);
        cancel();
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(seen).toEqual(['context deadline exceeded', 'backend too slow', 'backend too slow']);
  });

  it('should let main return with a forgotten cancel: the deadline fires in the grace time', async () => {
    const r = await explore(
      async () => {
        const [ctx] = context.withTimeout(context.background(), 5 * Second);
        go(async () => {
          await ctx.done()!.recv();
        }, 'watcher');
      },
      { runs: 10, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should accept a time-like deadline ({ ns })', async () => {
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withDeadline(context.background(), { ns: 2 * Second });
        await ctx.done()!.recv();
        if (clock() !== 2 * Second) throw new Error(`woke at ${clock()}`);
        cancel();
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });
});
