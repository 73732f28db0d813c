import { describe, expect, it } from 'vitest';
import { chan, Cond, explore, go, Mutex, RWMutex, settle, WaitGroup, WaitReason, yield_ } from '../index.js';

const SEED = 17;

/** Two waiters wait for `ready`; main sets it and wakes them with signal or broadcast. */
async function twoWaiters(wake: 'signal' | 'broadcast'): Promise<void> {
  const mu = new Mutex();
  const cond = new Cond(mu);
  const wg = new WaitGroup();
  let ready = false;
  for (let i = 0; i < 2; i++) {
    wg.add(1);
    go(async () => {
      await mu.lock();
      while (!ready) await cond.wait();
      if (!mu.isLocked) throw new Error('wait returned without the lock');
      mu.unlock();
      wg.done();
    }, `waiter${i}`);
  }
  await mu.lock();
  ready = true;
  if (wake === 'signal') cond.signal();
  else cond.broadcast();
  mu.unlock();
  await wg.wait();
}

describe(`Cond (seed ${SEED})`, () => {
  it('should wake every waiter on broadcast, under 200 schedules', async () => {
    const r = await explore(() => twoWaiters('broadcast'), { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
  });

  it('should wake only one waiter per signal: the other stays in sync.Cond.Wait (deadlock found)', async () => {
    const r = await explore(() => twoWaiters('signal'), { runs: 200, seed: SEED });
    const f = r.findings[0];
    expect(f?.kind).toBe('deadlock');
    const reasons = f?.tasks.map((t) => t.waitReason);
    expect(reasons?.[0]).toBe(WaitReason.waitGroupWait);
    expect(reasons).toContain('sync.Cond.Wait');
  });

  it('should wake waiters in order and one per signal', async () => {
    const woke: string[][] = [];
    const r = await explore(
      async () => {
        const mu = new Mutex();
        const cond = new Cond(mu);
        const order: string[] = [];
        const wg = new WaitGroup();
        for (const name of ['a', 'b', 'c']) {
          wg.add(1);
          go(async () => {
            await mu.lock();
            await cond.wait();
            order.push(name);
            mu.unlock();
            wg.done();
          }, name);
          await settle(); // each parks before the next starts
        }
        cond.signal();
        await settle();
        order.push('|');
        cond.signal();
        cond.signal();
        await wg.wait();
        woke.push(order);
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(new Set(woke.map((o) => o.join('')))).toEqual(new Set(['a|bc', 'a|cb']));
  });

  it("should not lose a signal sent between wait's unlock and its park", async () => {
    const r = await explore(
      async () => {
        const mu = new Mutex();
        const cond = new Cond(mu);
        let ready = false;
        const wg = new WaitGroup();
        wg.add(1);
        await mu.lock();
        go(async () => {
          await mu.lock(); // parks: main holds mu
          ready = true;
          cond.signal();
          mu.unlock();
          wg.done();
        }, 'signaler');
        await settle();
        // wait() unlocks mu (waking the signaler) before its park step: the signaler may run first.
        while (!ready) await cond.wait();
        mu.unlock();
        await wg.wait();
      },
      { runs: 200, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should re-lock before wait returns, showing sync.Mutex.Lock while the lock is held elsewhere', async () => {
    const r = await explore(
      async () => {
        const mu = new Mutex();
        const cond = new Cond(mu);
        go(async () => {
          await mu.lock();
          await cond.wait();
        }, 'waiter');
        await settle();
        await mu.lock();
        cond.signal();
        await settle(); // the waiter was woken but cannot re-lock
        await chan<void>().recv(); // main blocks holding mu
      },
      { runs: 1 },
    );
    const f = r.findings[0];
    expect(f?.kind).toBe('deadlock');
    expect(f?.tasks.map((t) => [t.name, t.waitReason])).toEqual([
      ['main', 'chan receive'],
      ['waiter', 'sync.Mutex.Lock'],
    ]);
  });

  it('should be a fatal error to wait without holding the lock', async () => {
    const r = await explore(
      async () => {
        const cond = new Cond(new Mutex());
        await cond.wait();
      },
      { runs: 1 },
    );
    expect(r.findings[0]?.message).toBe('fatal error: sync: unlock of unlocked mutex');
  });

  it("should work over an RWMutex's rLocker", async () => {
    const r = await explore(
      async () => {
        const rw = new RWMutex();
        const cond = new Cond(rw.rLocker());
        let ready = false;
        const wg = new WaitGroup();
        wg.add(1);
        go(async () => {
          await rw.rLock();
          while (!ready) await cond.wait();
          rw.rUnlock();
          wg.done();
        });
        await yield_();
        await rw.lock();
        ready = true;
        rw.unlock();
        cond.broadcast();
        await wg.wait();
      },
      { runs: 100, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });
});
