// Port of golang/go test/chan/select5.go, a generator of 1045 single-goroutine select programs.
// Go's assignment forms (`*f(&x) = <-c`, `m[13] = <-c`, interface targets) are syntax; their
// semantics become a table over the same five templates with the same combinations:
//  - recv / send: c <- n, then receive it (or send n, then receive), as a plain operation or a select
//    with default before/after/absent and any subset of 4 never-ready cases (dummy send, dummy
//    receive, nil send, nil receive); the right case fires and delivers n;
//  - recvOrder / sendOrder: channel and value operands are evaluated once, in source order, on
//    entry, and the receive target of the chosen case last;
//  - nonblock: default (before or after) with any subset of 8 never-ready cases: default is taken,
//    x is unchanged, and no receive target (not even one that would crash) is evaluated.
// Each case body (Go's case statements, and the receive target) runs only for the chosen case.
import { describe, expect, it } from 'vitest';
import { chan, explore, select, type Chan, type SelectCase } from '../../src/index.js';
import { expectNoFindings } from './helpers.js';

const SEED = 5;

interface Arm {
  readonly c: SelectCase;
  /** The case body, given the received value: Go's receive target plus statements. */
  readonly body: (v: unknown) => void;
}

async function run(arms: readonly Arm[]): Promise<void> {
  const s = await select(arms.map((a) => a.c));
  arms[s.index]!.body(s.value);
}

const subsets = <T>(xs: readonly T[]): T[][] =>
  Array.from({ length: 1 << xs.length }, (_, m) => xs.filter((_x, i) => (m >> i) & 1));

type DefaultPos = 'none' | 'before' | 'after';
const DEFAULTS: DefaultPos[] = ['none', 'before', 'after'];

function arrange(main: Arm, def: DefaultPos, extras: readonly Arm[]): Arm[] {
  const d: Arm = {
    c: { default: true },
    body: () => {
      throw new Error('nonblock');
    },
  };
  return [...(def === 'before' ? [d] : []), main, ...(def === 'after' ? [d] : []), ...extras];
}

function dummies(dummy: Chan<number>): Arm[] {
  const fail = (what: string) => () => {
    throw new Error(what);
  };
  return [
    { c: { send: dummy, value: 1 }, body: fail('dummy send') },
    { c: { recv: dummy }, body: fail('dummy receive') },
    { c: { send: null, value: 1 }, body: fail('nilch send') },
    { c: { recv: null }, body: fail('nilch recv') },
  ];
}

describe('select5.go', () => {
  it(`runs the 1045 generated cases of the five templates (seed ${SEED})`, async () => {
    const counts: Record<string, number> = {};
    const r = await explore(
      async () => {
        for (const k of Object.keys(counts)) delete counts[k];
        const count = (t: string) => (counts[t] = (counts[t] ?? 0) + 1);
        const c = chan<number>(1);
        const dummy = chan<number>();
        let n = 1;
        let x = 0;
        const die = (what: string) => {
          throw new Error(`${what}: have ${x} want ${n}`);
        };

        // recv: c <- n, receive it into x one way or another.
        const targets: ((v: unknown) => void)[] = [
          (v) => (x = v as number), // x = <-c
          (v) => {
            const box = { p: 0 };
            box.p = v as number; // *f(&x) = <-c
            x = box.p;
          },
          (v) => {
            const y = v as number; // y := <-c; x = y
            x = y;
          },
          (v) => {
            const i: unknown = v; // i = <-c; x = i.(int)
            x = i as number;
          },
          (v) => {
            const m = new Map<number, number>(); // m[13] = <-c; x = m[13]
            m.set(13, v as number);
            x = m.get(13)!;
          },
        ];
        await c.send(n);
        x = (await c.recv())!;
        if (x !== n) die('recv plain');
        n++;
        count('recv');
        for (const target of targets)
          for (const def of DEFAULTS)
            for (const extras of subsets(dummies(dummy))) {
              await c.send(n);
              await run(arrange({ c: { recv: c }, body: target }, def, extras));
              if (x !== n) die('recv');
              n++;
              count('recv');
            }

        // send: send n one way or another, receive it into x.
        await c.send(n);
        x = (await c.recv())!;
        if (x !== n) die('send plain');
        n++;
        count('send');
        for (const def of DEFAULTS)
          for (const extras of subsets(dummies(dummy))) {
            await run(arrange({ c: { send: c, value: n }, body: () => {} }, def, extras));
            x = (await c.recv())!;
            if (x !== n) die('send');
            n++;
            count('send');
          }

        // recvOrder / sendOrder: operands evaluated in strictly increasing order.
        let order = 0;
        const checkorder = (o: number) => {
          if (o <= order) throw new Error(`invalid order: ${o} after ${order}`);
          order = o;
        };
        const fc = <T>(ch: Chan<T> | null, o: number) => (checkorder(o), ch);
        const fn = (v: number, o: number) => (checkorder(o), v);
        // The never-ready cases with numbered operands; `base` is the first number (2 after a receive
        // case's fc(c, 1), 3 after a send case's fc(c, 1) <- fn(n, 2)). Only the present ones evaluate.
        const numbered = (mask: number, base: number): Arm[] => {
          const fail = (what: string) => () => {
            throw new Error(what);
          };
          const out: Arm[] = [];
          if (mask & 1)
            out.push({ c: { send: fc(dummy, base), value: fn(1, base + 1) }, body: fail('dummy send') });
          if (mask & 2) out.push({ c: { recv: fc(dummy, base + 2) }, body: fail('dummy receive') });
          if (mask & 4)
            out.push({ c: { send: fc(null, base + 3), value: fn(1, base + 4) }, body: fail('nilch send') });
          if (mask & 8) out.push({ c: { recv: fc(null, base + 5) }, body: fail('nilch recv') });
          return out;
        };
        // Outside select, left to right: *fp(&x, 1) = <-fc(c, 2) and m[fn(13, 1)] = <-fc(c, 2).
        for (let form = 0; form < 2; form++) {
          order = 0;
          await c.send(n);
          checkorder(1); // fp(&x, 1) or fn(13, 1): the target's operands come first
          x = (await fc(c, 2)!.recv())!;
          if (x !== n) die('recvOrder plain');
          n++;
          count('recvOrder');
        }
        const orderedTargets: ((v: unknown) => void)[] = [
          (v) => (checkorder(100), (x = v as number)), // *fp(&x, 100) = <-fc(c, 1)
          (v) => (x = v as number), // y := <-fc(c, 1)
          (v) => (x = v as number), // i = <-fc(c, 1)
          (v) => (checkorder(100), (x = v as number)), // m[fn(13, 100)] = <-fc(c, 1)
        ];
        for (const target of orderedTargets)
          for (const def of DEFAULTS)
            for (let mask = 0; mask < 16; mask++) {
              order = 0;
              await c.send(n);
              const main: Arm = { c: { recv: fc(c, 1) }, body: target };
              const present = numbered(mask, 2);
              await run(arrange(main, def, present));
              if (x !== n) die('recvOrder');
              n++;
              count('recvOrder');
            }
        // sendOrder: fc(c, 1) <- fn(n, 2) outside and inside select, numbered dummies after.
        order = 0;
        await fc(c, 1)!.send(fn(n, 2));
        x = (await c.recv())!;
        if (x !== n) die('sendOrder plain');
        n++;
        count('sendOrder');
        for (const def of DEFAULTS)
          for (let mask = 0; mask < 16; mask++) {
            order = 0;
            const main: Arm = { c: { send: fc(c, 1), value: fn(n, 2) }, body: () => {} };
            const present = numbered(mask, 3);
            await run(arrange(main, def, present));
            x = (await c.recv())!;
            if (x !== n) die('sendOrder');
            n++;
            count('sendOrder');
          }

        // nonblock: default with any subset of 8 never-ready cases; nothing but default runs.
        const crash = () => {
          throw new Error('**(**int)(nil) evaluated');
        };
        const never: Arm[] = [
          { c: { send: dummy, value: 1 }, body: () => die('dummy send') },
          { c: { send: null, value: 1 }, body: () => die('nilch send') },
          { c: { recv: dummy }, body: () => die('dummy recv') },
          { c: { recv: dummy }, body: (v) => (x = v as number) },
          { c: { recv: dummy }, body: crash },
          { c: { recv: null }, body: () => die('nilch recv') },
          { c: { recv: null }, body: (v) => (x = v as number) },
          { c: { recv: null }, body: crash },
        ];
        for (const before of [true, false])
          for (const extras of subsets(never)) {
            x = n;
            let tookDefault = false;
            const d: Arm = { c: { default: true }, body: () => (tookDefault = true) };
            await run(before ? [d, ...extras] : [...extras, d]);
            if (!tookDefault) die('nonblock: default not taken');
            if (x !== n) die('nonblock: x changed');
            n++;
            count('nonblock');
          }
      },
      { runs: 2, seed: SEED, maxSteps: 100_000 },
    );
    expectNoFindings(r, SEED, 2);
    expect(counts).toEqual({ recv: 241, send: 49, recvOrder: 194, sendOrder: 49, nonblock: 512 });
    expect(Object.values(counts).reduce((a, b) => a + b)).toBe(1045);
  });
});
