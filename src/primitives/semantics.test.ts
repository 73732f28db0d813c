import { describe, expect, it } from 'vitest';
import type { GoPanic } from '../index.js';
import { freeRuntime } from '../free/free.js';
import {
  chan,
  context,
  explore,
  go,
  Mutex,
  numTasks,
  Panic,
  recvOk,
  select,
  time,
  WaitGroup,
} from '../index.js';

/*
 * One semantics suite, run in both modes: each scenario checks itself (throwing on a wrong
 * result) and runs in free mode (plain Node.js, real time, Go's random select), once on channels'
 * fast path and once the long way (free.ts), and under the explorer (every schedule it tries must
 * pass too).
 */
function check(cond: boolean, what: string): void {
  if (!cond) throw new Error(`semantics: ${what}`);
}

const scenarios: Record<string, () => Promise<void>> = {
  'unbuffered rendezvous': async () => {
    const c = chan<number>();
    go(() => c.send(42));
    check((await c.recv()) === 42, 'value received');
  },
  'buffered FIFO, then closed and drained': async () => {
    const c = chan<number>(3);
    for (let i = 0; i < 3; i++) await c.send(i);
    c.close();
    const got: number[] = [];
    for await (const v of c) got.push(v);
    check(got.join() === '0,1,2', `FIFO order, got ${got.join()}`);
    const [v, ok] = await recvOk(c);
    check(v === undefined && ok === false, 'zero value and !ok once closed');
  },
  'send on closed channel panics, recoverably': async () => {
    const c = chan<number>(1);
    c.close();
    let text = '';
    try {
      await c.send(1);
    } catch (e) {
      text = (e as GoPanic).goMessage;
    }
    check(text === Panic.sendOnClosed, `panic text, got ${text}`);
  },
  'select takes a ready case, else default': async () => {
    const a = chan<string>(1);
    check((await select([{ recv: a }, { default: true }])).index === 1, 'default when nothing is ready');
    await a.send('x');
    const r = await select([{ recv: a }, { default: true }]);
    check(r.index === 0 && r.value === 'x', 'the ready case');
  },
  'producers and a consumer with a WaitGroup': async () => {
    const out = chan<number>();
    const wg = new WaitGroup();
    for (let p = 0; p < 3; p++) {
      wg.add(1);
      go(async () => {
        for (let i = 0; i < 5; i++) await out.send(p * 10 + i);
        wg.done();
      });
    }
    go(async () => {
      await wg.wait();
      out.close();
    });
    let sum = 0;
    let n = 0;
    for await (const v of out) {
      sum += v;
      n++;
    }
    check(n === 15 && sum === 3 * 10 + 10 * 5 + 20 * 5 + 0, `all values, got ${n} summing to ${sum}`);
  },
  'a mutex excludes across awaits': async () => {
    const mu = new Mutex();
    const done = chan<void>(4);
    let inside = 0;
    let max = 0;
    for (let t = 0; t < 4; t++) {
      go(async () => {
        for (let i = 0; i < 3; i++) {
          await mu.lock();
          inside++;
          max = Math.max(max, inside);
          await time.sleep(time.Millisecond);
          inside--;
          mu.unlock();
        }
        await done.send();
      });
    }
    for (let t = 0; t < 4; t++) await done.recv();
    check(max === 1, `at most one holder, saw ${max}`);
  },
  'a timeout wins over a silent channel': async () => {
    const silent = chan<number>();
    const r = await select([{ recv: silent }, { recv: time.after(5 * time.Millisecond) }]);
    check(r.index === 1, 'the timeout fired');
  },
  'a context deadline cancels a waiting task': async () => {
    const [ctx, cancel] = context.withTimeout(context.background(), 5 * time.Millisecond);
    await ctx.done()!.recv();
    check(ctx.err() === context.deadlineExceeded, `err is deadline exceeded, got ${String(ctx.err())}`);
    cancel();
  },
};

describe('one semantics, two modes', () => {
  for (const [name, scenario] of Object.entries(scenarios)) {
    it(`should hold in free mode: ${name}`, async () => {
      await scenario();
    });
    it(`should hold in free mode, the long way: ${name}`, async () => {
      freeRuntime().longWay = true;
      try {
        await scenario();
      } finally {
        freeRuntime().longWay = false;
      }
    });
    it(`should hold under the explorer: ${name}`, async () => {
      const r = await explore(scenario, { runs: 30, seed: 4 });
      expect(r.findings).toEqual([]);
    });
  }

  it('should count tasks in free mode as Go counts goroutines', async () => {
    const block = chan<void>();
    const before = numTasks();
    go(() => block.recv());
    await new Promise((resolve) => setImmediate(resolve));
    expect(numTasks()).toBe(before + 1);
    block.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(numTasks()).toBe(before);
  });
});
