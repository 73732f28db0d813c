import { fc, it as fcIt } from '@fast-check/vitest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freeRuntime } from '../free/free.js';
import { GoPanic } from '../base/errors.js';
import { chan, type Chan } from './chan.js';
import { go } from './go.js';
import { select, type SelectCase } from './select.js';

/*
 * Free mode's channels have a fast path (plain send and receive inline, parked with no Task) and the
 * long way (announce, as under a watchdog). They must be one semantics: the same results, in the same
 * order, whichever path each operation takes, and whichever kind of waiter its partner finds.
 */

const rt = freeRuntime();

/** Lets every microtask run, and one turn of the event loop. */
const quiesce = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  rt.longWay = false;
  rt.guardEvery = 256;
  vi.restoreAllMocks();
});

describe('free mode fast path: task-less waiters and their partners', () => {
  it('should hand a parked fast-path receive the value of a select send', async () => {
    const c = chan<number>();
    const got = c.recv();
    const r = await select([{ send: c, value: 7 }]);
    expect(r.index).toBe(0);
    expect(await got).toBe(7);
  });

  it('should let a select receive take the value of a parked fast-path send', async () => {
    const c = chan<string>();
    const sent = c.send('x');
    const r = await select([{ recv: c }]);
    expect([r.index, r.value, r.ok]).toEqual([0, 'x', true]);
    await expect(sent).resolves.toBeUndefined();
  });

  it('should fail a parked fast-path send with Go panic text when the channel closes', async () => {
    const c = chan<number>();
    const sent = c.send(1);
    c.close();
    const e: unknown = await sent.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(GoPanic);
    expect((e as GoPanic).goMessage).toBe('send on closed channel');
  });

  it('should wake every kind of parked fast-path receive with the zero value on close', async () => {
    const c = chan<number>(0, -1);
    const plain = c.recv();
    const withOk = c.recvOk();
    const iter = c[Symbol.asyncIterator]().next();
    c.close();
    expect(await plain).toBe(-1);
    expect(await withOk).toEqual([-1, false]);
    expect(await iter).toEqual({ value: undefined, done: true });
  });

  it('should complete fast-path waiters from the long way, and long-way waiters from the fast path', async () => {
    const c = chan<number>();
    const fastRecv = c.recv();
    rt.longWay = true;
    await c.send(1); // the long way finds a task-less receiver
    const longRecv = c.recv(); // parks with a Task
    rt.longWay = false;
    await c.send(2); // the fast path finds a receiver with a Task
    expect([await fastRecv, await longRecv]).toEqual([1, 2]);
    expect(c.invariantViolation()).toBeNull();
  });

  it('should keep a buffered channel FIFO when a parked sender refills it', async () => {
    const c = chan<number>(2);
    await c.send(1);
    await c.send(2);
    const third = c.send(3); // parks: the buffer is full
    expect(await c.recv()).toBe(1); // takes the head, moves 3 into the buffer, wakes the sender
    await third;
    expect([await c.recv(), await c.recv(), c.len()]).toEqual([2, 3, 0]);
  });

  it('should let a timer fire while a loop receives from a closed channel (the guard on the fast path)', async () => {
    const closed = chan<number>();
    closed.close();
    let fired = false;
    setTimeout(() => (fired = true), 5);
    const started = performance.now();
    let spins = 0;
    while (!fired && performance.now() - started < 2000) {
      await closed.recv();
      spins++;
    }
    expect(fired).toBe(true);
    expect(spins).toBeGreaterThan(0);
  });

  it('should let a timer fire while a loop sends into and receives from a buffer', async () => {
    const c = chan<number>(1);
    let fired = false;
    setTimeout(() => (fired = true), 5);
    const started = performance.now();
    while (!fired && performance.now() - started < 2000) {
      await c.send(1);
      await c.recv();
    }
    expect(fired).toBe(true);
  });
});

// ── differential: random programs, fast path against the long way ──────────────────────────────

type Op =
  | { readonly kind: 'send'; readonly ch: number; readonly v: number }
  | { readonly kind: 'recv' | 'recvOk' | 'close' | 'len'; readonly ch: number }
  | { readonly kind: 'range'; readonly ch: number; readonly max: number }
  | {
      readonly kind: 'select';
      readonly cases: readonly { readonly ch: number; readonly send: number | null }[];
      readonly withDefault: boolean;
    };

interface Program {
  readonly capacities: readonly number[];
  readonly tasks: readonly (readonly Op[])[];
}

const programArb: fc.Arbitrary<Program> = fc
  .array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 3 })
  .chain((capacities) => {
    const ch = fc.nat({ max: capacities.length - 1 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('send' as const), ch, v: fc.nat({ max: 99 }) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('recv' as const), ch }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('recvOk' as const), ch }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), ch }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('len' as const), ch }) },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('range' as const), ch, max: fc.nat({ max: 3 }) }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('select' as const),
          cases: fc.array(fc.record({ ch, send: fc.option(fc.nat({ max: 99 })) }), {
            minLength: 1,
            maxLength: 3,
          }),
          withDefault: fc.boolean(),
        }),
      },
    );
    return fc.record({
      capacities: fc.constant(capacities),
      tasks: fc.array(fc.array(op, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
    });
  });

/** Go's select picks among ready cases at random: the same seeded sequence for every variant. */
function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function perform(c: readonly Chan<number, number>[], op: Op): Promise<string> {
  switch (op.kind) {
    case 'send':
      await c[op.ch]!.send(op.v);
      return 'sent';
    case 'recv':
      return String(await c[op.ch]!.recv());
    case 'recvOk':
      return String(await c[op.ch]!.recvOk());
    case 'close':
      c[op.ch]!.close();
      return 'closed';
    case 'len':
      return String(c[op.ch]!.len());
    case 'range': {
      const got: number[] = [];
      if (op.max === 0) return '';
      for await (const v of c[op.ch]!) {
        got.push(v);
        if (got.length === op.max) break;
      }
      return got.join(',');
    }
    case 'select': {
      const cases: SelectCase[] = op.cases.map((k) =>
        k.send === null ? { recv: c[k.ch]! } : { send: c[k.ch]!, value: k.send },
      );
      if (op.withDefault) cases.push({ default: true });
      const r = await select(cases);
      return `case ${String(r.index)} ${String(r.value)} ${String(r.ok)}`;
    }
  }
}

/** Runs `p` in free mode; `longWay(task, i)` says which path operation i of a task takes. */
async function runProgram(p: Program, longWay: (task: number, i: number) => boolean): Promise<string[]> {
  const log: string[] = [];
  vi.spyOn(Math, 'random').mockImplementation(seededRandom(42));
  rt.guardEvery = Number.MAX_SAFE_INTEGER; // no yield to the event loop mid-program
  const channels = p.capacities.map((cap) => chan<number>(cap, -1));
  p.tasks.forEach((ops, task) => {
    go(async () => {
      for (let i = 0; i < ops.length; i++) {
        rt.longWay = longWay(task, i);
        let outcome: string;
        try {
          outcome = await perform(channels, ops[i]!);
        } catch (e) {
          outcome = e instanceof GoPanic ? `panic: ${e.goMessage}` : `error: ${String(e)}`;
        }
        log.push(`task ${task} op ${i} ${ops[i]!.kind}: ${outcome}`);
      }
      log.push(`task ${task} done`);
    });
  });
  await quiesce();
  rt.longWay = false;
  for (const c of channels) log.push(`${c.len()} buffered, invariant: ${String(c.invariantViolation())}`);
  vi.restoreAllMocks();
  return log;
}

describe('free mode fast path against the long way', () => {
  beforeEach(() => {
    rt.longWay = false;
  });

  fcIt.prop([programArb, fc.array(fc.boolean(), { minLength: 24, maxLength: 24 })], { numRuns: 150 })(
    'should give the same results in the same order, on either path or a mix of both',
    async (program, mix) => {
      const fast = await runProgram(program, () => false);
      const long = await runProgram(program, () => true);
      const mixed = await runProgram(program, (task, i) => mix[(task * 6 + i) % mix.length]!);
      expect(long).toEqual(fast);
      expect(mixed).toEqual(fast);
      for (const line of fast.filter((l) => l.includes('invariant')))
        expect(line).toMatch(/invariant: null$/);
    },
  );
});
