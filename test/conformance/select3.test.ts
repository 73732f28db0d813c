// Port of golang/go test/chan/select3.go: which operations block, panic, or complete at once.
// Go decides "blocks" by racing the operation against a 0.1 s timer; here it is deterministic: run
// every other task until it is blocked or finished (settle()), then look. A task that blocks forever
// stays parked when main returns, as in Go, which interleave reports as exactly one leaked task in
// Go's wait reason.
import { describe, expect, it } from 'vitest';
import {
  chan,
  close,
  explore,
  go,
  Panic,
  recv,
  recvOk,
  select,
  send,
  settle,
  WaitReason,
} from '../../src/index.js';
import { check, expectNoFindings, expectOnlyParkedLeak, panicText } from './helpers.js';

const SEED = 33;
const RUNS = 20;

type Op = () => Promise<unknown>;

/** The fixtures of select3.go, made inside the run (a primitive belongs to its run). */
function fixtures() {
  const closedch = chan<number>(0, 0);
  close(closedch);
  return { nilch: null, closedch };
}

const unreachable = (): never => {
  throw new Error("control flow shouldn't reach here");
};

/** Go's testBlock(always, f): f runs in its own goroutine and must still be parked at quiescence. */
const blocksAlways: [string, string, () => Op][] = [
  ['nilch <- 7', WaitReason.chanSendNil, () => () => send(null, 7)],
  ['<-nilch', WaitReason.chanReceiveNil, () => () => recv(null)],
  ['<-make(chan int)', WaitReason.chanReceive, () => () => chan<number>().recv()],
  ['select {}', WaitReason.selectNoCases, () => () => select([])],
  ['select { case <-nilch: }', WaitReason.chanReceiveNil, () => () => select([{ recv: null }])],
  ['select { case nilch <- 7: }', WaitReason.chanSendNil, () => () => select([{ send: null, value: 7 }])],
  [
    'select { case <-nilch: case nilch <- 7: }',
    WaitReason.select,
    () => () => select([{ recv: null }, { send: null, value: 7 }]),
  ],
  [
    'select { case <-ch: } (ch unready)',
    WaitReason.chanReceive,
    () => {
      const ch = chan<number>();
      return () => select([{ recv: ch }]);
    },
  ],
  [
    'self-select: select { case c <- 1: case <-c: } (a select never pairs with itself)',
    WaitReason.select,
    () => {
      const c = chan<number>();
      return () => select([{ send: c, value: 1 }, { recv: c }]);
    },
  ],
];

/** Go's testBlock(never, f). */
const blocksNever: [string, () => Op][] = [
  [
    'select { case nilch <- 7: unreachable() default: }',
    () => async () => {
      const s = await select([{ send: null, value: 7 }, { default: true }]);
      if (s.index === 0) unreachable();
    },
  ],
  [
    'select { case <-nilch: unreachable() default: }',
    () => async () => {
      const s = await select([{ recv: null }, { default: true }]);
      if (s.index === 0) unreachable();
    },
  ],
  ['ch := make(chan int, 1); ch <- 7', () => () => chan<number>(1).send(7)],
  [
    '10× <-closedch == 0, then x, ok := <-closedch is 0, false',
    () => async () => {
      const { closedch } = fixtures();
      for (let i = 0; i < 10; i++) {
        const x = await closedch.recv();
        check(x === 0, `expected zero value when reading from closed channel, got ${x}`);
      }
      const [x, ok] = await recvOk(closedch);
      check(x === 0 && !ok, `expected 0, false from closed channel, got ${x}, ${ok}`);
    },
  ],
  ['select { default: }', () => () => select([{ default: true }])],
  ['select { case <-nilch: default: }', () => () => select([{ recv: null }, { default: true }])],
  ['select { case nilch <- 7: default: }', () => () => select([{ send: null, value: 7 }, { default: true }])],
  [
    'select { case ch <- 7: default: unreachable() } (cap 1, empty)',
    () => async () => {
      const ch = chan<number>(1);
      const s = await select([{ send: ch, value: 7 }, { default: true }]);
      if (s.index === 1) unreachable();
    },
  ],
  [
    'ch <- 7; select { case <-ch: default: unreachable() } (cap 1)',
    () => async () => {
      const ch = chan<number>(1);
      await ch.send(7);
      const s = await select([{ recv: ch }, { default: true }]);
      if (s.index === 1) unreachable();
    },
  ],
  ['select { case <-closedch: }', () => () => select([{ recv: fixtures().closedch }])],
  [
    'select { case x := <-closedch: _ = x }',
    () => async () => {
      const s = await select([{ recv: fixtures().closedch }]);
      check(s.value === 0, `x = ${s.value}`);
    },
  ],
  [
    'select { case x, ok := <-closedch: _, _ = x, ok }',
    () => async () => {
      const s = await select([{ recv: fixtures().closedch }]);
      check(s.value === 0 && !s.ok, `x, ok = ${s.value}, ${s.ok}`);
    },
  ],
];

/** Go's testPanic(signal, f): f runs in main; recover() sees the panic or not. */
const panics: [string, string | null, () => Promise<unknown>][] = [
  [
    'select { case nilch <- 7: unreachable() default: }',
    null,
    async () => {
      const s = await select([{ send: fixtures().nilch, value: 7 }, { default: true }]);
      if (s.index === 0) unreachable();
    },
  ],
  [
    'select { case <-nilch: unreachable() default: }',
    null,
    async () => {
      const s = await select([{ recv: fixtures().nilch }, { default: true }]);
      if (s.index === 0) unreachable();
    },
  ],
  ['closedch <- 7', Panic.sendOnClosed, () => fixtures().closedch.send(7)],
  [
    'select { case closedch <- 7: unreachable() }',
    Panic.sendOnClosed,
    async () => {
      await select([{ send: fixtures().closedch, value: 7 }]);
      unreachable();
    },
  ],
];

describe('select3.go', () => {
  describe('block always', () => {
    for (const [name, reason, make] of blocksAlways) {
      it(`${name} blocks [${reason}] (seed ${SEED})`, async () => {
        const r = await explore(
          async () => {
            const op = make();
            let completed = false;
            go(async () => {
              await op();
              completed = true;
            }, 'f');
            await settle();
            check(!completed, `${name} did not block`);
          },
          { runs: RUNS, seed: SEED, findAll: true },
        );
        expectOnlyParkedLeak(r, SEED, 1, [reason]);
        expect(r.runs).toBe(RUNS);
      });
    }
  });

  describe('block never', () => {
    for (const [name, make] of blocksNever) {
      it(`${name} completes without blocking (seed ${SEED})`, async () => {
        const r = await explore(
          async () => {
            const op = make();
            let completed = false;
            go(async () => {
              await op();
              completed = true;
            }, 'f');
            await settle();
            check(completed, `${name} blocked`);
          },
          { runs: RUNS, seed: SEED },
        );
        expectNoFindings(r, SEED, RUNS);
      });
    }
  });

  describe('panic', () => {
    for (const [name, text, op] of panics) {
      it(`${name} ${text ? `always panics: ${text}` : 'never panics'} (seed ${SEED})`, async () => {
        const r = await explore(
          async () => {
            const got = await panicText(op);
            check(got === text, `${name}: panic ${JSON.stringify(got)}, want ${JSON.stringify(text)}`);
          },
          { runs: RUNS, seed: SEED },
        );
        expectNoFindings(r, SEED, RUNS);
      });
    }
  });
});
