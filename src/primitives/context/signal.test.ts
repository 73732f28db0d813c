import { describe, expect, it } from 'vitest';
import { context, explore } from '../../index.js';
import { Millisecond } from '../../base/duration.js';

const SEED = 17;

describe(`context signal (seed ${SEED})`, () => {
  it('should abort the signal on cancel with the cause as its reason, listeners told once', async () => {
    const seen: string[] = [];
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancelCause(context.background());
        const [child] = context.withCancel(context.withValue(ctx, 'k', 1));
        ctx.signal.addEventListener('abort', () => seen.push(`parent: ${String(ctx.signal.reason)}`));
        child.signal.addEventListener('abort', () => seen.push(`child: ${String(child.signal.reason)}`));
        if (ctx.signal.aborted || ctx.signal !== ctx.signal) throw new Error('signal');
        cancel(new Error('user left'));
        cancel(new Error('again'));
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(seen).toEqual(['child: Error: user left', 'parent: Error: user left']);
  });

  it('should give a signal first read after the cancel already aborted, and deadlineExceeded at a deadline', async () => {
    const reasons: unknown[] = [];
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancel(context.background());
        cancel();
        reasons.push(ctx.signal.aborted, ctx.signal.reason);
        const [timed, cancelTimed] = context.withTimeout(context.background(), Millisecond);
        const signal = timed.signal;
        await timed.done()!.recv();
        reasons.push(signal.aborted, signal.reason);
        cancelTimed();
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(reasons).toEqual([true, context.canceled, true, context.deadlineExceeded]);
  });

  it('should never abort the signal of background, todo or withoutCancel', async () => {
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancel(context.background());
        const detached = context.withoutCancel(ctx);
        cancel();
        for (const c of [context.background(), context.todo(), detached])
          if (c.signal.aborted) throw new Error(`${String(c)} aborted`);
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });
});
