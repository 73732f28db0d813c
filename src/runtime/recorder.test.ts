import { describe, expect, it } from 'vitest';
import {
  atomic,
  chan,
  explore,
  go,
  Mutex,
  note,
  Once,
  RWMutex,
  select,
  shared,
  WaitGroup,
  type Chan,
  type ExploredFinding,
} from '../index.js';
import type * as Interleave from '../index.js';
import { summarize } from './recorder.js';

/** Each of interleave's objects a user may put in a message, made inside the run, with its label. */
const objects: readonly [string, () => unknown, RegExp][] = [
  ['a shared() cell', () => shared(0), /^shared#\d+$/],
  ['a Mutex', () => new Mutex(), /^Mutex#\d+$/],
  ['an RWMutex', () => new RWMutex(), /^RWMutex#\d+$/],
  ['a WaitGroup', () => new WaitGroup(), /^WaitGroup#\d+$/],
  ['a Once', () => new Once(), /^Once#\d+$/],
  ['an atomic.Int', () => new atomic.Int(), /^atomic\.Int#\d+$/],
  ['a Chan', () => chan<number>(), /^chan#\d+$/],
];

/** The ways a value reaches an event's detail. */
const carriers: readonly [string, (v: unknown) => Promise<void>][] = [
  ['a send', (v) => chan<unknown>(1).send(v)],
  ['an unbuffered send taken by a receiver', (v) => handOff(v)],
  ['a select send case', async (v) => void (await select([{ send: chan<unknown>(1), value: v }]))],
  [
    'atomic.Value',
    async (v) => {
      const a = new atomic.Value<unknown>();
      a.store(v);
      a.load();
    },
  ],
  ['note()', async (v) => note('value', v)],
];

async function handOff(v: unknown): Promise<void> {
  const c = chan<unknown>();
  const got = chan<unknown>(1);
  go(async () => void (await got.send(await c.recv())), 'taker');
  await c.send(v);
  await got.recv();
}

/** The finding, after checking it is the program's and not a complaint about its replays. */
function only(findings: readonly ExploredFinding[], kind: ExploredFinding['kind']): ExploredFinding {
  expect(findings.map((f) => f.message)).toHaveLength(1);
  expect(findings[0]!.kind, findings[0]!.message).toBe(kind);
  return findings[0]!;
}

describe("interleave's objects inside messages", () => {
  for (const [what, make, label] of objects) {
    for (const [how, carry] of carriers) {
      it(`should report the race, not nondeterminism, for ${what} carried by ${how}`, async () => {
        const r = await explore(
          async () => {
            const x = shared(0, 'x');
            go(async () => x.set(1), 'writer');
            await carry(make());
            x.get();
          },
          { runs: 50, seed: 3 },
        );
        const f = only(r.findings, 'race');
        expect(f.message).toBe('WARNING: DATA RACE on x (shared#1)');
        const details = f.trace.events.map((e) => e.detail);
        expect(details.some((d) => label.test(d))).toBe(true);
        for (const d of details) {
          expect(d).not.toMatch(/Runtime|Strategy|rt:/);
          expect(d.length).toBeLessThanOrEqual(60);
        }
      });

      it(`should report the deadlock, not nondeterminism, for ${what} carried by ${how}`, async () => {
        const r = await explore(
          async () => {
            await carry(make());
            await chan<void>().recv();
          },
          { runs: 5, seed: 3 },
        );
        only(r.findings, 'deadlock');
      });
    }
  }

  it('should render a reply channel in a request by its label (the channel-of-reply-channels idiom)', async () => {
    const r = await explore(
      async () => {
        const requests = chan<{ n: number; reply: Chan<number> }>();
        go(async () => {
          for await (const req of requests) await req.reply.send(req.n * 2);
        }, 'server');
        const reply = chan<number>();
        await requests.send({ n: 21, reply });
        await reply.recv();
        await chan<void>().recv(); // deadlock: main waits for ever, the server too
      },
      { runs: 5, seed: 1 },
    );
    const f = only(r.findings, 'deadlock');
    const sent = f.trace.events.find((e) => e.event === 'ChanSent' && e.obj === 'chan#1')!;
    expect(sent.detail).toBe('{ n: 21, reply: chan#2 }');
  });

  it('should render by label the objects of a run made by another copy of interleave', async () => {
    // A program importing one copy (these sources), explored by another (the compiled package, which
    // the tests' global setup builds): as with an ESM and a CommonJS copy in one process.
    const compiled = new URL('../../dist/index.js', import.meta.url).href;
    const other = (await import(/* @vite-ignore */ compiled)) as typeof Interleave;
    expect(other.explore).not.toBe(explore);
    const r = await other.explore(
      async () => {
        note('lock', new Mutex());
        await chan<unknown>(1).send({ reply: chan<number>() });
        await chan<void>().recv();
      },
      { runs: 1 },
    );
    const f = only(r.findings, 'deadlock');
    const details = f.trace.events.filter((e) => e.event === 'Noted' || e.event === 'ChanSent');
    expect(details.map((e) => e.detail)).toEqual(['Mutex#1', '{ reply: chan#2 }']);
  });

  it('should compare the events of two replays by what they did, not by how a value prints', async () => {
    let executions = 0;
    const r = await explore(
      async () => {
        // A value that prints differently in every execution, while the run does the same thing.
        note('execution', { n: ++executions });
        await chan<void>().recv();
      },
      { runs: 1 },
    );
    only(r.findings, 'deadlock');
  });

  it('should still report a program whose replays do something else as nondeterministic', async () => {
    let executions = 0;
    const r = await explore(
      async () => {
        executions++;
        const c = chan<number>(1);
        if (executions % 2 === 0) await c.send(1); // of two executions in a row, one sends
        await chan<void>().recv();
      },
      { runs: 1 },
    );
    const f = only(r.findings, 'nondeterministic');
    expect(f.message).toMatch(/diverged at event \d+: .*ChanSent chan#1 1/);
  });
});

describe('summarize', () => {
  it('should render values in the style of util.inspect, bounded', () => {
    expect(summarize(1)).toBe('1');
    expect(summarize(-0)).toBe('-0');
    expect(summarize(10n)).toBe('10n');
    expect(summarize('hi')).toBe("'hi'");
    expect(summarize(undefined)).toBe('undefined');
    expect(summarize(null)).toBe('null');
    expect(summarize(Symbol('s'))).toBe('Symbol(s)');
    expect(summarize({ a: 1, b: 'x' })).toBe("{ a: 1, b: 'x' }");
    expect(summarize([1, 2, 3])).toBe('[ 1, 2, 3 ]');
    expect(summarize([])).toBe('[]');
    expect(summarize({})).toBe('{}');
    expect(summarize([1, 2, 3, 4, 5, 6, 7])).toBe('[ 1, 2, 3, 4, 5, ... 2 more items ]');
    expect(summarize({ a: { b: { c: 1 } } })).toBe('{ a: [Object] }');
    expect(summarize(new Map([[1, 'a']]))).toBe("Map(1) { 1 => 'a' }");
    expect(summarize(new Set([1]))).toBe('Set(1) { 1 }');
    expect(summarize(new Error('boom'))).toBe('Error: boom');
    expect(summarize(function named() {})).toBe('[Function: named]');
    expect(summarize(class K {})).toBe('[class K]');
    expect(
      summarize(
        new (class Point {
          x = 1;
        })(),
      ),
    ).toBe('Point { x: 1 }');
    expect(summarize(Object.assign(Object.create(null), { k: 1 }))).toBe('[Object: null prototype] { k: 1 }');
    expect(summarize(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });

  it('should bound strings and the whole text, and escape control characters', () => {
    expect(summarize('x'.repeat(100))).toBe(`'${'x'.repeat(40)}'...`);
    expect(summarize({ a: 'y'.repeat(40), b: 'z'.repeat(40) })).toHaveLength(60);
    expect(summarize('\x1b[2J\n')).toBe("'\\u001b[2J\\n'");
    expect(summarize("it's")).toBe("'it\\'s'");
  });

  it('should never call user code: no getter, no proxy trap, no toString', () => {
    let called = 0;
    const getter = {
      get g() {
        called++;
        return 1;
      },
      toString() {
        called++;
        return 'x';
      },
    };
    const proxy = new Proxy(
      {},
      {
        get: () => {
          called++;
          throw new Error('trap');
        },
        ownKeys: () => {
          called++;
          throw new Error('trap');
        },
      },
    );
    expect(summarize(getter)).toBe('{ g: [Getter], toString: [Function: toString] }');
    expect(summarize(proxy)).toBe('[Proxy]');
    expect(summarize({ p: proxy })).toBe('{ p: [Proxy] }');
    expect(called).toBe(0);
  });

  it('should stop at cycles and keep a huge value cheap', () => {
    const cyclic: { self?: unknown; n: number } = { n: 1 };
    cyclic.self = cyclic;
    expect(summarize(cyclic)).toBe('{ n: 1, self: [Circular] }');
    const huge = new Array(1_000_000).fill(7);
    expect(summarize(huge)).toBe('[ 7, 7, 7, 7, 7, ... 999995 more items ]');
  });
});
