import { describe, expect, it } from 'vitest';
import { explore, go, GoPanic, Panic, settle, WaitGroup, WaitReason, yield_ } from '../index.js';

const SEED = 11;

describe(`WaitGroup (seed ${SEED})`, () => {
  it('should make wait return only after every done, under 200 schedules', async () => {
    const r = await explore(
      async () => {
        const wg = new WaitGroup();
        let finished = 0;
        for (let i = 0; i < 3; i++) {
          wg.add(1);
          go(async () => {
            await yield_();
            finished++;
            wg.done();
          });
        }
        await wg.wait();
        if (finished !== 3) throw new Error(`wait returned with ${finished} of 3 done`);
        if (wg.label !== 'WaitGroup#1') throw new Error(`label ${wg.label}`);
      },
      { runs: 200, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should release every waiter when the counter reaches zero', async () => {
    const r = await explore(
      async () => {
        const wg = new WaitGroup();
        const out = new WaitGroup();
        wg.add(1);
        for (let i = 0; i < 3; i++) {
          out.add(1);
          go(async () => {
            await wg.wait();
            out.done();
          });
        }
        await yield_();
        wg.done();
        await out.wait();
      },
      { runs: 100, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should deadlock with wait reason sync.WaitGroup.Wait when done is never called', async () => {
    const r = await explore(
      async () => {
        const wg = new WaitGroup();
        wg.add(1);
        await wg.wait();
      },
      { runs: 1 },
    );
    expect(r.findings[0]?.kind).toBe('deadlock');
    expect(r.findings[0]?.tasks.map((t) => t.waitReason)).toEqual(['sync.WaitGroup.Wait']);
    expect(WaitReason.waitGroupWait).toBe('sync.WaitGroup.Wait');
  });

  it('should panic synchronously with Go text on a negative counter, and be recoverable', async () => {
    const caught: string[] = [];
    const r = await explore(
      async () => {
        const wg = new WaitGroup();
        try {
          wg.done();
        } catch (e) {
          caught.push(e instanceof GoPanic ? e.goMessage : String(e));
        }
        await yield_();
      },
      { runs: 1 },
    );
    expect(r.findings).toEqual([]);
    expect(caught).toEqual(['sync: negative WaitGroup counter']);

    const r2 = await explore(
      () => {
        new WaitGroup().add(-2);
      },
      { runs: 1 },
    );
    expect(r2.findings[0]?.kind).toBe('panic');
    expect(r2.findings[0]?.message).toBe(`panic: ${Panic.negativeWaitGroup}`);
  });

  it('should panic in the released waiter when the group is reused before its wait returned', async () => {
    const r = await explore(
      async () => {
        const wg = new WaitGroup();
        wg.add(1);
        go(() => wg.wait(), 'waiter');
        await settle(); // the waiter is parked
        wg.done(); // releases it...
        wg.add(1); // ...and reuses the group before it ran
        await settle();
        wg.done();
      },
      // Go's behaviour without -race; with it, the detector reports this add racing the wait first
      // (see race.test.ts), which is what the default (race on) does here too.
      { runs: 1, race: false },
    );
    const f = r.findings[0];
    expect(f?.kind).toBe('panic');
    expect(f?.message).toBe('panic: sync: WaitGroup is reused before previous Wait has returned');
    expect(f?.tasks.find((t) => t.id === f.task)?.name).toBe('waiter');
  });

  it('should not panic when the group is reused after the previous wait returned', async () => {
    const r = await explore(
      async () => {
        const wg = new WaitGroup();
        for (let round = 0; round < 3; round++) {
          wg.add(1);
          go(async () => {
            await yield_();
            wg.done();
          });
          await wg.wait();
        }
      },
      { runs: 100, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should find the reuse panic by exploration when another task re-adds while a waiter wakes', async () => {
    const r = await explore(
      async () => {
        const wg = new WaitGroup();
        const stop = new WaitGroup();
        stop.add(1);
        go(async () => {
          await wg.wait(); // may still be waking when main reuses the group
          stop.done();
        }, 'watcher');
        for (let round = 0; round < 2; round++) {
          wg.add(1);
          go(() => wg.done());
          await wg.wait();
        }
        await stop.wait();
      },
      { runs: 300, seed: SEED, race: false }, // the panic, as without -race (see above)
    );
    expect(r.findings.map((f) => f.message)).toContain(`panic: ${Panic.waitGroupReused}`);
  });

  it('should count tasks started with go(fn) and call done when fn finishes or throws', async () => {
    const r = await explore(
      async () => {
        const wg = new WaitGroup();
        let n = 0;
        for (let i = 0; i < 3; i++) {
          wg.go(async () => {
            await yield_();
            n++;
          });
        }
        await wg.wait();
        if (n !== 3 || wg.count !== 0) throw new Error(`n = ${n}, count = ${wg.count}`);
      },
      { runs: 100, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });
});
