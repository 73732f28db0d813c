import { describe, expect, it } from 'vitest';
import { chan, context, explore, go, select, WaitGroup, yield_, type Chan } from '../../index.js';
import type { CancelCtx } from './cancel.js';

const SEED = 7;

/** Whether a receive on `ctx.done()` completes without blocking (a select with a default). */
async function isDone(ctx: context.Context): Promise<boolean> {
  const r = await select([{ recv: ctx.done() }, { default: true }]);
  return r.index === 0;
}

describe(`context.withCancel (seed ${SEED})`, () => {
  it('should cancel every descendant with the parent, and never the parent with a child', async () => {
    const r = await explore(
      async () => {
        const [root, cancelRoot] = context.withCancel(context.background());
        const [a, cancelA] = context.withCancel(root);
        const [b] = context.withCancel(root);
        const [a1] = context.withCancel(context.withValue(a, 'k', 1));
        const [b1] = context.withCancelCause(b);

        cancelA();
        if (!(await isDone(a)) || !(await isDone(a1))) throw new Error('a subtree not done');
        if (a1.err() !== context.canceled) throw new Error(`a1.err ${String(a1.err())}`);
        if ((await isDone(root)) || (await isDone(b)) || root.err() !== null)
          throw new Error('cancel of a child reached its parent or sibling');

        const waiters = new WaitGroup();
        for (const ctx of [root, b, b1]) {
          waiters.add(1);
          go(async () => {
            await ctx.done()!.recv();
            waiters.done();
          });
        }
        await yield_();
        cancelRoot();
        await waiters.wait();
        for (const ctx of [root, a, b, a1, b1]) if (ctx.err() !== context.canceled) throw new Error('err');
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should return the same done channel on every call, closed on cancel', async () => {
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancel(context.background());
        const d = ctx.done();
        if (d === null || d !== ctx.done()) throw new Error('done() changed');
        cancel();
        if (ctx.done() !== d) throw new Error('done() changed after cancel');
        const [v, ok] = await d.recvOk();
        if (v !== undefined || ok) throw new Error('done() not closed');
        // A context whose done() is first read after the cancel: closed from the start.
        const [late, cancelLate] = context.withCancel(context.background());
        cancelLate();
        await late.done()!.recv();
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should make a second cancel harmless and keep the first cause', async () => {
    const causes: string[] = [];
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancelCause(context.background());
        const [child] = context.withCancel(ctx);
        cancel(new Error('first'));
        cancel(new Error('second'));
        cancel();
        causes.push(ctx.err()!.message, context.cause(ctx)!.message, context.cause(child)!.message);
        const [plain, cancelPlain] = context.withCancel(context.background());
        cancelPlain();
        cancelPlain();
        causes.push(plain.err()!.message, context.cause(plain)!.message);
        const [nilCause, cancelNil] = context.withCancelCause(context.background());
        cancelNil(null);
        causes.push(context.cause(nilCause)!.message);
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(causes).toEqual([
      'context canceled',
      'first',
      'first',
      'context canceled',
      'context canceled',
      'context canceled',
    ]);
  });

  it('should cancel a child made from an already canceled parent at once', async () => {
    const r = await explore(
      async () => {
        const [parent, cancel] = context.withCancelCause(context.background());
        cancel(new Error('gone'));
        const [child] = context.withCancel(parent);
        if (child.err() !== context.canceled || context.cause(child)?.message !== 'gone')
          throw new Error('child of a canceled parent is live');
        await child.done()!.recv();
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should remove canceled children from their parent, so a long-lived parent does not grow', async () => {
    const sizes: number[] = [];
    const r = await explore(
      async () => {
        const [parent, cancelParent] = context.withCancel(context.background());
        const p = parent as CancelCtx;
        for (let i = 0; i < 100; i++) {
          const [child, cancel] = context.withCancel(context.withValue(parent, 'i', i));
          context.withCancel(child); // a grandchild hangs off the child, not the parent
          cancel();
        }
        sizes.push(p.children?.size ?? 0);
        const [kept] = context.withCancel(parent);
        sizes.push(p.children?.size ?? 0);
        cancelParent();
        sizes.push(p.children?.size ?? 0);
        if (kept.err() === null) throw new Error('kept child not canceled');
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(sizes).toEqual([0, 1, 0]);
  });

  it('should wake a worker blocked in select on done when another task cancels', async () => {
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancel(context.background());
        const work = chan<number>();
        const exited = chan<string>();
        go(async () => {
          for (;;) {
            const got = await select([{ recv: ctx.done() }, { recv: work }]);
            if (got.index === 0) break;
          }
          await exited.send(ctx.err()!.message);
        }, 'worker');
        await work.send(1);
        go(cancel, 'canceler');
        const why = await exited.recv();
        if (why !== 'context canceled') throw new Error(why);
      },
      { runs: 100, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should let main return without calling cancel (a context with no deadline holds nothing)', async () => {
    const r = await explore(
      async () => {
        const [ctx] = context.withCancel(context.background());
        const [child] = context.withCancelCause(ctx);
        ctx.done();
        child.done();
      },
      { runs: 10, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should report a leak when a worker waits on a context nobody cancels', async () => {
    const r = await explore(
      async () => {
        const [ctx] = context.withCancel(context.background());
        go(async () => {
          await ctx.done()!.recv();
        }, 'worker');
        await yield_();
      },
      { runs: 5, seed: SEED },
    );
    expect(r.findings[0]?.kind).toBe('leak');
    expect(r.findings[0]?.tasks.map((t) => `${t.name} ${t.waitReason}`)).toEqual(['worker chan receive']);
  });

  it('should propagate from a Context implemented by the user through a watcher task', async () => {
    const r = await explore(
      async () => {
        const own = new UserCtx();
        const [child] = context.withCancel(own);
        const [grandchild] = context.withCancel(child);
        go(() => own.stop(), 'stopper');
        await grandchild.done()!.recv();
        if (grandchild.err() !== context.canceled) throw new Error(String(grandchild.err()));
      },
      { runs: 30, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should record a ContextCanceled event with the cause', async () => {
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancelCause(context.background());
        const [child] = context.withCancel(ctx);
        cancel(new Error('shutting down'));
        child.done();
        throw new Error('stop here');
      },
      { runs: 1, seed: SEED },
    );
    const events = r.findings[0]!.trace.events.filter((e) => e.event === 'ContextCanceled');
    expect(events.map((e) => `${e.obj}: ${e.detail}`)).toEqual([
      'context#1: shutting down',
      'context#2: shutting down',
    ]);
  });

  it("should print a context chain as Go's fmt does", async () => {
    const names: string[] = [];
    await explore(
      async () => {
        const [a] = context.withCancel(context.background());
        names.push(String(a), String(context.withValue(a, 'user', 'ann')));
      },
      { runs: 1 },
    );
    expect(names).toEqual([
      'context.Background.WithCancel',
      'context.Background.WithCancel.WithValue(user, ann)',
    ]);
  });
});

/** A Context written by a user, with its own done channel: not one of the package's. */
class UserCtx implements context.Context {
  private readonly ch: Chan<void> = chan<void>();
  private stopped: Error | null = null;
  done(): Chan<void> {
    return this.ch;
  }
  err(): Error | null {
    return this.stopped;
  }
  cause(): Error | null {
    return this.stopped;
  }
  value(): unknown {
    return undefined;
  }
  deadline(): [number, boolean] {
    return [0, false];
  }
  get signal(): AbortSignal {
    return new AbortController().signal;
  }
  stop(): void {
    this.stopped = context.canceled;
    this.ch.close();
  }
}
