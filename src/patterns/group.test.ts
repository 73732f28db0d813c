import { describe, expect, it } from 'vitest';
import { atomic, chan, context, explore, time } from '../core.js';
import { group } from './group.js';
import { DONE_KINDS, expectClean, makeDone } from './testing.js';

const SEED = 89;

describe('patterns/group', () => {
  it(`should wait for every task and return null when none fails (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const g = group(context.background());
      const sum = new atomic.Int();
      for (let i = 1; i <= 4; i++) g.go(() => void sum.add(i));
      expect(await g.wait()).toBeNull();
      expect(sum.load()).toBe(10);
      expect(g.ctx.err()).toBe(context.canceled); // wait() cancels the group's context
    }, SEED);
  });

  it(`should return the first error and cancel the others, which stop (200 runs, seed ${SEED})`, async () => {
    const firsts = new Set<string>();
    await expectClean(async () => {
      const g = group(null);
      const stopped = new atomic.Int();
      for (const name of ['a', 'b']) {
        g.go(async () => {
          await time.sleep(time.Second);
          throw new Error(name);
        });
      }
      for (let i = 0; i < 3; i++) {
        g.go(async (ctx) => {
          await ctx.done()!.recv(); // a long task that honours cancellation
          stopped.add(1);
        });
      }
      const e = await g.wait();
      firsts.add(e!.message);
      expect(stopped.load()).toBe(3);
    }, SEED);
    expect([...firsts].sort()).toEqual(['a', 'b']);
  });

  it(`should run at most limit tasks at once (200 runs, seed ${SEED})`, async () => {
    const peaks = new Set<number>();
    await expectClean(async () => {
      const g = group(null, { limit: 2 });
      const active = new atomic.Int();
      let peak = 0;
      for (let i = 0; i < 5; i++) {
        g.go(async () => {
          peak = Math.max(peak, active.add(1));
          await time.sleep(time.Millisecond);
          active.add(-1);
        });
      }
      expect(await g.wait()).toBeNull();
      peaks.add(peak);
    }, SEED);
    expect([...peaks]).toEqual([2]);
  });

  it(`should skip queued tasks once an error cancels a limited group (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const g = group(null, { limit: 1 });
      const ran = new atomic.Int();
      g.go(() => {
        throw new Error('first');
      });
      for (let i = 0; i < 3; i++) g.go(() => void ran.add(1));
      expect((await g.wait())?.message).toBe('first');
      expect(ran.load()).toBeLessThanOrEqual(3);
    }, SEED);
  });

  for (const kind of DONE_KINDS) {
    it(`should cancel the group when its parent (${kind}) is canceled, and leave no task (200 runs, seed ${SEED})`, async () => {
      await expectClean(async () => {
        const [parent, cancel] = makeDone(kind);
        const g = group(parent, { limit: 2 });
        const started = chan<void>(4);
        for (let i = 0; i < 4; i++) {
          g.go(async (ctx) => {
            await started.send();
            await ctx.done()!.recv();
          });
        }
        await started.recv();
        cancel();
        expect(await g.wait()).toBeNull();
        expect(g.ctx.err()).toBe(context.canceled);
      }, SEED);
    });
  }
});

describe('group with a limit (review: submission order)', () => {
  it('should start functions in submission order, so the first error cancels the rest (Go: SetLimit)', async () => {
    const r = await explore(
      async () => {
        const g = group(context.background(), { limit: 1 });
        g.go(() => {
          throw new Error('boom');
        });
        for (let i = 0; i < 3; i++) {
          g.go(async (ctx) => {
            await ctx.done()!.recv();
          });
        }
        const err = await g.wait();
        if (err?.message !== 'boom') throw new Error(`expected boom, got ${String(err)}`);
      },
      { runs: 200, seed: 9 },
    );
    expect(r.findings).toEqual([]);
  });
});
