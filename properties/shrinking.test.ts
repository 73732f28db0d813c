// Invariant (meta): the harness finds real bugs — the seed's take ignoring done, a tee that mixes up its outputs under one schedule — and shrinks their schedules to ≤ 5 integers.
import { fc } from '@fast-check/vitest';
import { chan, decodeReplay, go, replay, select, type Chan, type MaybeChan } from 'interleave';
import { describe, expect, it } from 'vitest';
import { repeat, take } from '../examples/seed/repeat-take.js';
import { check, expectClean, holds, runScripted, sameSequence, scheduleArb, valuesArb } from './harness.js';

const SEED = 20_240_601;

/**
 * take under a consumer that reads k values and cancels. Its input comes from a producer that sends
 * m values (honouring done) and then falls silent without closing: a source with nothing to say yet.
 * A take that honours done stops anyway; the seed's take sits in `<-in` forever.
 */
function takeThenCancel(takeFn: typeof take, n: number, m: number, k: number): () => Promise<void> {
  return async () => {
    const done = chan<void>();
    const in_ = chan<number>();
    go(async () => {
      for (let i = 0; i < m; i++) {
        const r = await select([{ recv: done }, { send: in_, value: i }]);
        if (r.index === 0) return;
      }
    }, 'producer');
    const out = takeFn(done, in_, n);
    for (let i = 0; i < Math.min(k, m, n); i++) await out.recv();
    done.close();
  };
}

/**
 * A deliberately broken tee: when out2 is served first it disables out1 instead of out2, so out2 gets
 * the value twice and out1 misses it. Only schedules where the second case wins show it.
 */
function brokenTee<T>(in_: Chan<T>): [Chan<T>, Chan<T>] {
  const out1 = chan<T>();
  const out2 = chan<T>();
  go(async () => {
    try {
      for await (const val of in_) {
        let c1: MaybeChan<T> = out1;
        const c2: MaybeChan<T> = out2; // never disabled: the bug below
        for (let i = 0; i < 2; i++) {
          const r = await select([
            { send: c1, value: val },
            { send: c2, value: val },
          ]);
          if (r.index === 0) c1 = null;
          else c1 = null; // the bug: should be c2 = null
        }
      }
    } finally {
      out2.close();
      out1.close();
    }
  }, 'brokenTee');
  return [out1, out2];
}

/** The tee property: both consumers, each in its own task, get every value once, in order. */
async function teeDeliversAll(values: readonly number[], script: readonly number[]): Promise<void> {
  await holds(
    async () => {
      const in_ = chan<number>();
      go(async () => {
        for (const v of values) await in_.send(v);
        in_.close();
      }, 'source');
      const [o1, o2] = brokenTee(in_);
      const got: [number[], number[]] = [[], []];
      const done = chan<void>();
      for (const [i, o] of [o1, o2].entries()) {
        go(
          async () => {
            for await (const v of o) got[i]!.push(v);
            await done.send();
          },
          `consumer${i + 1}`,
        );
      }
      await done.recv();
      await done.recv();
      return got;
    },
    script,
    ([g1, g2]) =>
      check(
        sameSequence(g1, values) && sameSequence(g2, values),
        'tee: each output must get every input once, in order',
        {
          values,
          out1: g1,
          out2: g2,
        },
      ),
  );
}

describe('properties/shrinking', () => {
  it(`should find the broken tee's lost value only under a schedule, and shrink that schedule to ≤ 5 integers (seed ${SEED})`, async () => {
    const prop = fc.asyncProperty(valuesArb(), scheduleArb, teeDeliversAll);
    const r = await fc.check(prop, { numRuns: 200, seed: SEED });
    expect(r.failed).toBe(true);
    const [values, script] = r.counterexample!;
    expect(values).toHaveLength(1);
    expect(script.length).toBeGreaterThan(0);
    expect(script.length).toBeLessThanOrEqual(5);
    // The bug needs the schedule: the same values under the default schedule (no preemption) pass.
    await expect(teeDeliversAll(values, [])).resolves.toBeUndefined();
    expect(String(r.errorInstance)).toMatch(/tee: each output must get every input once, in order/);
    expect(String(r.errorInstance)).toMatch(/replay string: il1\.[\w-]+/);
  });

  it(`should find the seed's take leaking after cancel and shrink the schedule to ≤ 5 integers (seed ${SEED})`, async () => {
    const prop = fc.asyncProperty(
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 5 }),
      fc.integer({ min: 0, max: 5 }),
      scheduleArb,
      async (n, m, k, script) => {
        expectClean(await runScripted(takeThenCancel(take, n, m, k), script));
      },
    );
    const r = await fc.check(prop, { numRuns: 200, seed: SEED });
    expect(r.failed).toBe(true);
    const [n, m, k, script] = r.counterexample!;
    // Shrunk: take wants more than the producer sends, and the schedule is (almost) the default one.
    expect(n).toBeGreaterThan(m);
    expect(script.length).toBeLessThanOrEqual(5);
    const message = String(r.errorInstance);
    expect(message).toMatch(/interleave leak: leak: 1 task blocked forever/);
    expect(message).toMatch(/take \(task \d+\) blocked \[chan receive\]/);
    // The replay string in the message replays the failing schedule of the shrunk inputs.
    const replayString = /replay string: (il1\.[\w-]+)/.exec(message)?.[1];
    expect(replayString).toBeDefined();
    const again = await replay(takeThenCancel(take, n, m, k), decodeReplay(replayString!));
    expect(again.finding?.kind).toBe('leak');
    // The report fast-check prints carries the seed and the shrink path to replay it.
    expect(fc.defaultReportMessage(r)).toContain(`seed: ${SEED}`);
  });

  it(`should find no bug in the seed's repeat | take when repeat closes its output on done (seed ${SEED})`, async () => {
    // The control: with repeat as the source the seed's take is rescued (repeat's defer close(out)
    // ends take's `<-in`), so the leak needs a silent source, as above.
    const prop = fc.asyncProperty(
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 5 }),
      scheduleArb,
      async (n, k, script) => {
        const run = await runScripted(async () => {
          const done = chan<void>();
          const out = take(done, repeat(done, 1, 2, 3), n);
          const got: number[] = [];
          for (let i = 0; i < Math.min(k, n); i++) got.push((await out.recv())!);
          done.close();
          return got;
        }, script);
        expect(expectClean(run)).toEqual([1, 2, 3, 1, 2].slice(0, Math.min(k, n)));
      },
    );
    const r = await fc.check(prop, { numRuns: 100, seed: SEED });
    expect(r.failed).toBe(false);
  });
});
