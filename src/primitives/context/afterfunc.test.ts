import { describe, expect, it } from 'vitest';
import { chan, context, explore, go, numTasks, yield_ } from '../../index.js';
import { Millisecond } from '../../base/duration.js';
import { clock } from './testing.js';

const SEED = 13;

describe(`context.afterFunc (seed ${SEED})`, () => {
  it('should run fn in a task of its own once the context is canceled, not before', async () => {
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancel(context.background());
        const ran = chan<number>();
        let started = false;
        const stop = context.afterFunc(ctx, async () => {
          started = true;
          await ran.send(numTasks()); // blocks until main receives: fn is not main's code
        });
        await yield_();
        if (started) throw new Error('fn ran before cancel');
        cancel();
        if (started) throw new Error('fn ran inside cancel, on the canceling task');
        if ((await ran.recv()) !== 2) throw new Error('fn did not run in its own task');
        if (stop()) throw new Error('stop after fn started returned true');
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should name the task after fn', async () => {
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancel(context.background());
        const block = chan<number>();
        context.afterFunc(ctx, async function cleanup() {
          await block.recv();
        });
        cancel();
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings[0]?.kind).toBe('leak');
    expect(r.findings[0]?.tasks.map((t) => `${t.name} [${t.waitReason}]`)).toEqual([
      'cleanup [chan receive]',
    ]);
  });

  it('should make stop() prevent fn, return true once, then false', async () => {
    const stops: boolean[] = [];
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancel(context.background());
        const stop = context.afterFunc(ctx, () => {
          throw new Error('fn ran after stop');
        });
        stops.push(stop(), stop());
        cancel();
        await yield_();
      },
      { runs: 5, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(stops).toEqual(Array.from({ length: 5 }, () => [true, false]).flat());
  });

  it('should race stop() against the cancel, one winner per run, both across runs', async () => {
    const winners = new Set<string>();
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancel(context.background());
        const ran = chan<void>(1);
        const stop = context.afterFunc(ctx, () => ran.send());
        go(cancel, 'canceler');
        await yield_();
        if (stop()) winners.add('stop');
        else {
          await ran.recv();
          winners.add('fn');
        }
      },
      { runs: 60, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(winners).toEqual(new Set(['stop', 'fn']));
  });

  it('should run fn at once for a context already done, and at the deadline of a timeout', async () => {
    const at: number[] = [];
    const r = await explore(
      async () => {
        const [done, cancel] = context.withCancel(context.background());
        cancel();
        const ran = chan<number>();
        context.afterFunc(done, () => ran.send(clock()));
        at.push((await ran.recv()) ?? -1);
        const [timed, cancelTimed] = context.withTimeout(context.background(), 30 * Millisecond);
        context.afterFunc(timed, () => ran.send(clock()));
        at.push((await ran.recv()) ?? -1);
        cancelTimed();
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(at).toEqual([0, 30 * Millisecond]);
  });

  it('should leave the parent without the afterFunc child once stopped', async () => {
    const r = await explore(
      async () => {
        const [ctx, cancel] = context.withCancel(context.background());
        for (let i = 0; i < 50; i++) context.afterFunc(ctx, () => {})();
        const size = (ctx as unknown as { children: Set<unknown> | null }).children?.size ?? 0;
        if (size !== 0) throw new Error(`${size} children left`);
        cancel();
      },
      { runs: 1, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });
});
