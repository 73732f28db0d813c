import { describe, expect, it } from 'vitest';
import { chan, explore, go, GoPanic, InterleaveError, Panic, select, WaitReason } from '../index.js';

const SEED = 11;

describe('select', () => {
  it('should explore both orders when two cases are ready at once', async () => {
    const first = new Set<number>();
    const r = await explore(
      async () => {
        const a = chan<string>(1);
        const b = chan<string>(1);
        await a.send('a');
        await b.send('b');
        const x = await select([{ recv: a }, { recv: b }]);
        first.add(x.index);
        expect(x.value).toBe(x.index === 0 ? 'a' : 'b');
        expect(x.ok).toBe(true);
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(first).toEqual(new Set([0, 1]));
  });

  it('should choose uniformly per case, so a channel named twice is chosen about twice as often', async () => {
    const counts = [0, 0, 0];
    const r = await explore(
      async () => {
        const a = chan<number>(1);
        const b = chan<number>(1);
        for (let i = 0; i < 300; i++) {
          await a.send(1);
          await b.send(2);
          const x = await select([{ recv: a }, { recv: a }, { recv: b }]);
          counts[x.index]!++;
          // Drain whichever is still full.
          if (x.index === 2) await a.recv();
          else await b.recv();
        }
      },
      { runs: 4, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    const total = counts[0]! + counts[1]! + counts[2]!;
    // 1200 draws, p = 1/3 per case: 3 sigma is about ±49.
    for (const c of counts) expect(Math.abs(c - total / 3)).toBeLessThan(60);
  });

  it('should take default only when no case is ready', async () => {
    const r = await explore(async () => {
      const a = chan<number>(1);
      expect((await select([{ recv: a }, { default: true }])).index).toBe(1);
      await a.send(5);
      const x = await select([{ recv: a }, { default: true }]);
      expect(x).toEqual({ index: 0, value: 5, ok: true });
      expect((await select([{ send: a, value: 1 }, { default: true }])).index).toBe(0);
      expect((await select([{ send: a, value: 2 }, { default: true }])).index).toBe(1);
    });
    expect(r.findings).toEqual([]);
  });

  it('should never treat a nil channel case as ready', async () => {
    const r = await explore(async () => {
      const x = await select([{ recv: null }, { send: null, value: 1 }, { default: true }]);
      expect(x.index).toBe(2);
    });
    expect(r.findings).toEqual([]);
  });

  it('should report Go wait reasons: select, select (no cases), and a one-case select as a plain receive', async () => {
    const r = await explore(async () => {
      const a = chan<number>();
      const b = chan<number>();
      go(() => select([]), 'empty');
      go(() => select([{ recv: a }, { recv: b }]), 'two');
      go(() => select([{ recv: a }]), 'one');
      go(() => select([{ recv: null }, { send: null, value: 0 }]), 'nils');
      await select([{ send: null, value: 1 }]);
    });
    expect(r.findings[0]!.kind).toBe('deadlock');
    const reasons = Object.fromEntries(r.findings[0]!.tasks.map((t) => [t.name, t.waitReason]));
    expect(reasons).toEqual({
      main: WaitReason.chanSendNil,
      empty: WaitReason.selectNoCases,
      two: WaitReason.select,
      one: WaitReason.chanReceive,
      nils: WaitReason.select,
    });
  });

  it('should never pair a select with itself (send and receive on one unbuffered channel)', async () => {
    const r = await explore(async () => {
      const c = chan<number>();
      await select([{ send: c, value: 1 }, { recv: c }]);
    });
    expect(r.findings[0]!.kind).toBe('deadlock');
  });

  it('should pair with another select and leave no stale waiters behind', async () => {
    const r = await explore(
      async () => {
        const c = chan<number>();
        const d = chan<number>();
        go(async () => {
          await select([{ send: c, value: 1 }, { recv: d }]);
        });
        const x = await select([{ send: d, value: 2 }, { recv: c }]);
        expect([0, 1]).toContain(x.index);
        for (const ch of [c, d]) {
          expect(ch.recvq.size + ch.sendq.size).toBe(0);
        }
      },
      { runs: 100, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should wake a parked select when a channel closes, with ok false', async () => {
    const r = await explore(
      async () => {
        const c = chan<number>();
        const d = chan<number>();
        go(() => d.close());
        const x = await select([{ recv: c }, { recv: d }]);
        expect(x).toEqual({ index: 1, value: undefined, ok: false });
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should panic with send on closed channel when a select sends to a closed channel', async () => {
    let caught: unknown;
    const r = await explore(
      async () => {
        const c = chan<number>();
        go(() => c.close());
        try {
          await select([{ send: c, value: 1 }]);
        } catch (e) {
          caught = e;
        }
      },
      // The panic as Go gives it without -race; with it (our default), the unordered close and the
      // select's send are a race first (test/conformance/race: TestRaceChanSendSelectClose).
      { runs: 20, seed: SEED, race: false },
    );
    expect(r.findings).toEqual([]);
    expect(caught).toBeInstanceOf(GoPanic);
    expect((caught as GoPanic).goMessage).toBe(Panic.sendOnClosed);
  });

  it('should refuse malformed cases with a message that shows the case forms', async () => {
    let thrown = 0;
    const r = await explore(
      async () => {
        try {
          await select([{ recv: chan() }, { default: true }, { default: true }]);
        } catch (e) {
          expect(e).toBeInstanceOf(InterleaveError);
          expect((e as Error).message).toContain('two default cases');
          thrown++;
        }
        try {
          await select([{ nope: 1 } as never]);
        } catch (e) {
          expect((e as Error).message).toContain('{ recv: ch }, { send: ch, value } or { default: true }');
          thrown++;
        }
      },
      { runs: 1 },
    );
    expect(r.findings).toEqual([]);
    expect(thrown).toBe(2);
  });

  it('should deliver a value received in a select case (buffered, with a blocked sender refilling)', async () => {
    const r = await explore(
      async () => {
        const c = chan<number>(1);
        await c.send(1);
        go(() => c.send(2));
        const got: number[] = [];
        for (let i = 0; i < 2; i++) {
          const x = await select([{ recv: c }]);
          got.push(x.value!);
        }
        expect(got).toEqual([1, 2]);
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });
});
