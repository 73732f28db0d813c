import { describe, expect, it } from 'vitest';
import {
  chan,
  close,
  explore,
  go,
  GoPanic,
  len,
  cap,
  Panic,
  recv,
  recvOk,
  send,
  WaitReason,
  type Chan,
} from '../index.js';

const SEED = 7;

/** Checks every channel's invariants after each operation of every task. */
function checked<T>(channels: Chan<T, any>[]): () => void {
  return () => {
    for (const c of channels) {
      const v = c.invariantViolation();
      if (v) throw new Error(`invariant violated: ${v}`);
    }
  };
}

describe('chan', () => {
  it(`should deliver an unbuffered send to the receiver, in every schedule (seed ${SEED})`, async () => {
    const seen: number[] = [];
    const r = await explore(
      async () => {
        const ch = chan<number>();
        go(() => ch.send(42));
        seen.push((await ch.recv())!);
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(r.runs).toBe(50);
    expect(new Set(seen)).toEqual(new Set([42]));
  });

  it('should keep buffered values in FIFO order and hold the invariants at every step', async () => {
    const r = await explore(
      async () => {
        const ch = chan<number>(3);
        const done = chan<number[]>();
        const check = checked([ch]);
        for (let p = 0; p < 2; p++) {
          go(async () => {
            for (let i = 0; i < 5; i++) {
              await ch.send(p * 100 + i);
              check();
            }
          });
        }
        go(async () => {
          const got: number[] = [];
          for (let i = 0; i < 10; i++) {
            got.push((await ch.recv())!);
            check();
          }
          await done.send(got);
        });
        const got = (await done.recv())!;
        // Each producer's values arrive in the order it sent them.
        for (const p of [0, 100]) {
          const mine = got.filter((v) => v >= p && v < p + 100);
          expect(mine).toEqual([0, 1, 2, 3, 4].map((i) => p + i));
        }
      },
      { runs: 200, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should let a send complete without a receiver while the buffer has room', async () => {
    const r = await explore(async () => {
      const ch = chan<string>(2);
      await ch.send('a');
      await ch.send('b');
      expect(ch.len()).toBe(2);
      expect(ch.cap()).toBe(2);
      expect(await ch.recv()).toBe('a');
      expect(len(ch)).toBe(1);
    });
    expect(r.findings).toEqual([]);
  });

  it('should drain the buffer before reporting closed, then return the zero value with ok false', async () => {
    const r = await explore(async () => {
      const ch = chan<number>(2);
      await ch.send(1);
      await ch.send(2);
      ch.close();
      expect(await ch.recvOk()).toEqual([1, true]);
      expect(await ch.recvOk()).toEqual([2, true]);
      expect(await ch.recvOk()).toEqual([undefined, false]);
      expect(await ch.recv()).toBeUndefined();
      const z = chan<number>(0, 0);
      z.close();
      expect(await z.recvOk()).toEqual([0, false]);
    });
    expect(r.findings).toEqual([]);
  });

  it('should range with for await until the channel is closed', async () => {
    const r = await explore(
      async () => {
        const ch = chan<number>();
        go(async () => {
          for (let i = 0; i < 4; i++) await ch.send(i);
          ch.close();
        });
        const got: number[] = [];
        for await (const v of ch) got.push(v);
        expect(got).toEqual([0, 1, 2, 3]);
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should wake receivers blocked on close with the zero value', async () => {
    const r = await explore(
      async () => {
        const ch = chan<number>();
        const results = chan<[number | undefined, boolean]>(2);
        for (let i = 0; i < 2; i++) go(async () => results.send(await ch.recvOk()));
        go(() => ch.close());
        expect(await results.recv()).toEqual([undefined, false]);
        expect(await results.recv()).toEqual([undefined, false]);
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  describe('panics (Go texts)', () => {
    it('should panic on send to a closed channel, recoverably', async () => {
      let caught: unknown;
      const r = await explore(async () => {
        const ch = chan<number>(1);
        ch.close();
        try {
          await ch.send(1);
        } catch (e) {
          caught = e;
        }
      });
      expect(r.findings).toEqual([]);
      expect(caught).toBeInstanceOf(GoPanic);
      expect((caught as GoPanic).message).toBe(Panic.sendOnClosed);
    });

    it('should panic senders blocked when the channel closes', async () => {
      const r = await explore(
        async () => {
          const ch = chan<number>();
          go(() => ch.send(1), 'sender');
          go(() => ch.close(), 'closer');
          await ch.recv();
        },
        // Go's behaviour without -race; with it, the unordered send and close are a race first.
        { runs: 100, seed: SEED, findAll: true, race: false },
      );
      const panic = r.findings.find((f) => f.kind === 'panic');
      expect(panic?.message).toBe(`panic: ${Panic.sendOnClosed}`);
      expect(panic?.summary).toContain('(sender)');
    });

    it('should panic on close of a closed channel and of the nil channel', async () => {
      const texts: string[] = [];
      const r = await explore(
        async () => {
          const ch = chan<number>();
          ch.close();
          for (const f of [() => ch.close(), () => close(null)]) {
            try {
              f();
            } catch (e) {
              texts.push((e as GoPanic).goMessage);
            }
          }
        },
        { runs: 1 },
      );
      expect(r.findings).toEqual([]);
      expect(texts).toEqual([Panic.closeOfClosed, Panic.closeOfNil]);
    });

    it('should report an unrecovered panic as a finding with the task and Go text', async () => {
      const r = await explore(async () => {
        const ch = chan<number>();
        ch.close();
        ch.close();
      });
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0]!.kind).toBe('panic');
      expect(r.findings[0]!.message).toBe(`panic: ${Panic.closeOfClosed}`);
      expect(r.findings[0]!.task).toBe(1);
    });

    it('should panic with makechan: size out of range for a negative capacity', async () => {
      const r = await explore(async () => {
        chan(-1);
      });
      expect(r.findings[0]!.message).toBe('panic: makechan: size out of range');
    });
  });

  describe('the nil channel', () => {
    it('should block forever on send and receive, with Go wait reasons', async () => {
      const r = await explore(async () => {
        go(() => send(null, 1), 'nilSender');
        await recv(null);
      });
      expect(r.findings[0]!.kind).toBe('deadlock');
      const reasons = Object.fromEntries(r.findings[0]!.tasks.map((t) => [t.name, t.waitReason]));
      expect(reasons).toEqual({ main: WaitReason.chanReceiveNil, nilSender: WaitReason.chanSendNil });
    });

    it('should have length and capacity 0', async () => {
      const r = await explore(async () => {
        expect([len(null), cap(null)]).toEqual([0, 0]);
        go(async () => {
          await recvOk(undefined);
        });
      });
      expect(r.findings[0]!.kind).toBe('leak');
    });
  });
});
