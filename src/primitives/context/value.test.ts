import { describe, expect, it } from 'vitest';
import { context, explore, GoPanic, select } from '../../index.js';

const SEED = 19;

describe(`context.withValue and withoutCancel (seed ${SEED})`, () => {
  it('should find a value through the chain, the nearest binding winning', () => {
    const user = Symbol('user');
    const a = context.withValue(context.background(), user, 'ann');
    const b = context.withValue(a, 'trace', 42);
    const c = context.withValue(b, user, 'bob');
    expect([a.value(user), b.value(user), c.value(user), c.value('trace')]).toEqual([
      'ann',
      'ann',
      'bob',
      42,
    ]);
    expect(c.value('missing')).toBeUndefined();
    expect(c.done()).toBeNull();
    expect(c.deadline()).toEqual([0, false]);
  });

  it("should panic with Go's text on a nil key", () => {
    for (const key of [null, undefined]) {
      let text = '';
      try {
        context.withValue(context.background(), key, 1);
      } catch (e) {
        text = e instanceof GoPanic ? e.goMessage : String(e);
      }
      expect(text).toBe('nil key');
    }
  });

  it("should share the parent's done channel, err and cause, and pass values through cancel contexts", async () => {
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancelCause(context.withValue(context.background(), 'k', 'v'));
        const wrapped = context.withValue(ctx, 'other', 1);
        if (wrapped.done() !== ctx.done() || wrapped.value('k') !== 'v') throw new Error('not shared');
        cancel(new Error('why'));
        if (wrapped.err() !== context.canceled || context.cause(wrapped)?.message !== 'why')
          throw new Error('err/cause not shared');
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should keep values but never cancel a withoutCancel context, nor its children', async () => {
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancel(context.withValue(context.background(), 'k', 'v'));
        const detached = context.withoutCancel(ctx);
        const [child, cancelChild] = context.withCancel(detached);
        cancel();
        const got = await select([{ recv: child.done() }, { default: true }]);
        if (got.index === 0 || detached.err() !== null || child.err() !== null) throw new Error('canceled');
        if (detached.value('k') !== 'v' || detached.done() !== null) throw new Error('detached');
        if (context.cause(detached) !== null) throw new Error('cause');
        cancelChild();
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });
});
