import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chan, context, type Chan } from '../core.js';
import {
  bridge,
  checkAll,
  collect,
  err,
  fanOut,
  filter,
  forSelect,
  generator,
  group,
  limit,
  map,
  merge,
  ok,
  or,
  orDone,
  produce,
  repeat,
  Semaphore,
  take,
  tee,
  workerPool,
} from './index.js';
import { expectClean } from './testing.js';

const SEED = 97;

describe('patterns/README', () => {
  it('should hold every ```ts snippet of README.md verbatim in this file', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const self = readFileSync(new URL(import.meta.url), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .join('\n');
    const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(snippets.length).toBe(13);
    for (const snippet of snippets) {
      const trimmed = snippet
        .split('\n')
        .map((l) => l.trim())
        .join('\n');
      expect(self).toContain(trimmed);
    }
  });

  it(`should run the example of produce and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const out = produce(null, [0, 1, 2, 3, 4], 5);
      expect(await collect(out)).toEqual([0, 1, 2, 3, 4]);
    }, SEED);
  });

  it(`should run the example of loop / forSelect and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      const jobs = generator(ctx, 'a', 'b', 'c');
      const seen: string[] = [];
      expect(await forSelect(ctx, jobs, (job) => void seen.push(job))).toBe('closed');
      expect(seen).toEqual(['a', 'b', 'c']);
      cancel();
    }, SEED);
  });

  it(`should run the example of or and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const a = chan<void>();
      const b = chan<void>();
      const either = or(a, b)!;
      b.close();
      expect(await either.recvOk()).toEqual([undefined, false]);
    }, SEED);
  });

  it(`should run the example of orDone and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const source = generator(null, 1, 2, 3); // someone else's channel
      const done = chan<void>();
      const out = orDone(done, source);
      expect(await out.recv()).toBe(1);
      done.close();
      expect((await collect(out)).length).toBeLessThanOrEqual(1); // at most one value under way
      await collect(source); // the source is not ours to stop: drain what is left
    }, SEED);
  });

  it(`should run the example of Result / checkAll and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const fetch = async (url: string): Promise<number> => {
        if (url.endsWith('.invalid')) throw new Error(`no such host: ${url}`);
        return 200;
      };
      const results = await collect(checkAll(null, ['a.example', 'b.invalid'], fetch));
      expect(results).toEqual([ok(200), err(new Error('no such host: b.invalid'))]);
    }, SEED);
  });

  it(`should run the example of generator / map / filter and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      const sq = (x: number): number => x * x;
      expect(await collect(map(ctx, map(ctx, generator(ctx, 2, 3), sq), sq))).toEqual([16, 81]);
      expect(await collect(filter(ctx, generator(ctx, 1, 2, 3, 4), (x) => x % 2 === 0))).toEqual([2, 4]);
      cancel();
    }, SEED);
  });

  it(`should run the example of repeat / repeatFn / take and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      expect(await collect(take(ctx, repeat(ctx, 1, 2, 3), 5))).toEqual([1, 2, 3, 1, 2]);
      cancel(); // stops repeat
    }, SEED);
  });

  it(`should run the example of fanOut / merge and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      const squares = fanOut(ctx, generator(ctx, 2, 3), 2, (d, input) => map(d, input, (x) => x * x));
      const all = await collect(merge(ctx, ...squares));
      expect(all.sort((x, y) => x - y)).toEqual([4, 9]); // order not guaranteed
      cancel();
    }, SEED);
  });

  it(`should run the example of workerPool and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      const results = workerPool(ctx, { workers: 4, queue: 8, tasks: [1, 2, 3, 4, 5], handle: (t) => t * t });
      const squares = (await collect(results)).map((r) => (r.ok ? r.value : NaN));
      expect(squares.sort((x, y) => x - y)).toEqual([1, 4, 9, 16, 25]);
      cancel();
    }, SEED);
  });

  it(`should run the example of tee / teeN and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const [ctx, cancel] = context.withCancel(context.background());
      const [c1, c2] = tee(ctx, generator(ctx, 'x', 'y'));
      const pairs: string[] = [];
      for await (const v of c1) pairs.push(v + (await c2.recv()));
      expect(pairs).toEqual(['xx', 'yy']);
      cancel();
    }, SEED);
  });

  it(`should run the example of bridge and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const chanStream = chan<Chan<number>>(2);
      await chanStream.send(generator(null, 1, 2));
      await chanStream.send(generator(null, 3));
      chanStream.close();
      expect(await collect(bridge(null, chanStream))).toEqual([1, 2, 3]);
    }, SEED);
  });

  it(`should run the example of Semaphore / limit and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const results = await limit(null, 2, [() => 'a', () => 'b', () => 'c']);
      expect(results).toEqual([ok('a'), ok('b'), ok('c')]);
      const sem = new Semaphore(1);
      expect(await sem.acquire()).toBe(true);
      expect(await sem.tryAcquire()).toBe(false);
      await sem.release();
    }, SEED);
  });

  it(`should run the example of group and leave no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const g = group(context.background(), { limit: 2 });
      g.go(async () => {
        throw new Error('boom');
      });
      g.go(async (ctx) => {
        await ctx.done()!.recv(); // canceled by the first error
      });
      expect((await g.wait())?.message).toBe('boom');
    }, SEED);
  });
});
