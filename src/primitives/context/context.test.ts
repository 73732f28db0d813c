import { describe, expect, it } from 'vitest';
import { chan, context, explore, GoPanic, select, WaitReason } from '../../index.js';

const SEED = 5;

function panicText(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof GoPanic ? e.goMessage : String(e);
  }
  return 'no panic';
}

describe(`context: background, todo, errors (seed ${SEED})`, () => {
  it('should make background() and todo() never canceled, with a null done channel', () => {
    for (const ctx of [context.background(), context.todo()]) {
      expect(ctx.done()).toBeNull();
      expect(ctx.err()).toBeNull();
      expect(ctx.cause()).toBeNull();
      expect(ctx.value('k')).toBeUndefined();
      expect(ctx.deadline()).toEqual([0, false]);
      expect(ctx.signal.aborted).toBe(false);
    }
    expect(String(context.background())).toBe('context.Background');
    expect(String(context.todo())).toBe('context.TODO');
  });

  it("should export Go's two errors as singletons with Go's texts", () => {
    expect(context.canceled.message).toBe('context canceled');
    expect(context.deadlineExceeded.message).toBe('context deadline exceeded');
    expect(context.deadlineExceeded).toBeInstanceOf(context.DeadlineExceededError);
    expect(context.deadlineExceeded.timeout()).toBe(true);
    expect(context.deadlineExceeded.temporary()).toBe(true);
  });

  it("should panic with Go's text when the parent is nil", () => {
    const nil = null as unknown as context.Context;
    const texts = [
      () => context.withCancel(nil),
      () => context.withCancelCause(nil),
      () => context.withDeadline(nil, 1),
      () => context.withTimeout(nil, 1),
      () => context.withValue(nil, 'k', 1),
      () => context.withoutCancel(nil),
      () => context.afterFunc(nil, () => {}),
    ].map(panicText);
    expect(new Set(texts)).toEqual(new Set(['cannot create context from nil parent']));
    expect(context.ContextPanic.nilParent).toBe('cannot create context from nil parent');
  });

  it('should deadlock in select on background().done() when nothing else can happen', async () => {
    const r = await explore(
      async () => {
        const never = chan<number>();
        await select([{ recv: context.background().done() }, { recv: never }]);
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings.map((f) => f.kind)).toEqual(['deadlock']);
    expect(r.findings[0]!.tasks.map((t) => t.waitReason)).toEqual([WaitReason.select]);
  });

  it('should block a one-case select on background().done() as a nil channel receive', async () => {
    const r = await explore(
      async () => {
        await select([{ recv: context.todo().done() }]);
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings[0]?.kind).toBe('deadlock');
    expect(r.findings[0]!.tasks.map((t) => t.waitReason)).toEqual([WaitReason.chanReceiveNil]);
  });

  it('should never choose the background().done() case of a select', async () => {
    const r = await explore(
      async () => {
        const c = chan<number>(1);
        await c.send(1);
        const got = await select([{ recv: context.background().done() }, { recv: c }]);
        if (got.index !== 1) throw new Error(`case ${got.index} fired`);
      },
      { runs: 20, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });
});
