import { describe, expect, it } from 'vitest';
import { chan, explore, Fatal, go, RWMutex, settle, WaitGroup, WaitReason, yield_ } from '../index.js';

const SEED = 19;

describe(`RWMutex (seed ${SEED})`, () => {
  it('should let readers hold the lock together', async () => {
    const r = await explore(
      async () => {
        const rw = new RWMutex();
        const inside = chan<void>();
        await rw.rLock();
        go(async () => {
          await rw.rLock(); // would block forever if readers excluded each other
          await inside.send();
          rw.rUnlock();
        });
        await inside.recv();
        rw.rUnlock();
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should exclude readers and other writers from a writer, under 200 schedules', async () => {
    const r = await explore(
      async () => {
        const rw = new RWMutex();
        const wg = new WaitGroup();
        let x = 0; // writers keep it even outside their critical section
        for (let i = 0; i < 2; i++) {
          wg.add(2);
          go(async () => {
            await rw.lock();
            x++;
            await yield_();
            x++;
            rw.unlock();
            wg.done();
          }, `writer${i}`);
          go(async () => {
            await rw.rLock();
            const seen = x;
            await yield_();
            if (seen % 2 !== 0 || x !== seen) throw new Error(`reader saw ${seen} then ${x}`);
            rw.rUnlock();
            wg.done();
          }, `reader${i}`);
        }
        await wg.wait();
        if (x !== 4) throw new Error(`x = ${x}`);
      },
      { runs: 200, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should prefer writers: a waiting lock blocks new rLocks (Go wait reasons)', async () => {
    let tried: boolean | null = null;
    const r = await explore(
      async () => {
        const rw = new RWMutex();
        await rw.rLock();
        go(() => rw.lock(), 'writer');
        await settle(); // the writer waits for main's read lock
        tried = rw.tryRLock();
        go(() => rw.rLock(), 'reader');
        await settle();
        await chan<void>().recv();
      },
      { runs: 1 },
    );
    expect(tried).toBe(false);
    expect(r.findings[0]?.kind).toBe('deadlock');
    expect(r.findings[0]?.tasks.map((t) => [t.name, t.waitReason])).toEqual([
      ['main', WaitReason.chanReceive],
      ['writer', 'sync.RWMutex.Lock'],
      ['reader', 'sync.RWMutex.RLock'],
    ]);
  });

  it('should show a writer queued behind another writer in sync.Mutex.Lock, as Go (it waits on the inner mutex)', async () => {
    const r = await explore(
      async () => {
        const rw = new RWMutex();
        await rw.lock();
        go(() => rw.lock(), 'writer');
        await settle();
        await chan<void>().recv();
      },
      { runs: 1 },
    );
    expect(r.findings[0]?.tasks.map((t) => [t.name, t.waitReason])).toEqual([
      ['main', 'chan receive'],
      ['writer', 'sync.Mutex.Lock'],
    ]);
  });

  it('should release the readers that queued behind a writer when it unlocks', async () => {
    const r = await explore(
      async () => {
        const rw = new RWMutex();
        const wg = new WaitGroup();
        await rw.lock();
        for (let i = 0; i < 3; i++) {
          wg.add(1);
          go(async () => {
            await rw.rLock();
            rw.rUnlock();
            wg.done();
          });
        }
        await settle();
        rw.unlock();
        await wg.wait();
        if (!rw.tryLock()) throw new Error('tryLock failed on a free RWMutex');
      },
      { runs: 100, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should report tryLock and tryRLock results', async () => {
    const got: boolean[] = [];
    const r = await explore(
      () => {
        const rw = new RWMutex();
        got.push(rw.tryLock(), rw.tryLock(), rw.tryRLock());
        rw.unlock();
        got.push(rw.tryRLock(), rw.tryRLock(), rw.tryLock());
        rw.rUnlock();
        rw.rUnlock();
        got.push(rw.tryLock());
        rw.unlock();
      },
      { runs: 1 },
    );
    expect(r.findings).toEqual([]);
    expect(got).toEqual([true, false, false, true, true, false, true]);
  });

  it.each([
    ['rUnlock of an unlocked RWMutex', (rw: RWMutex) => rw.rUnlock(), Fatal.rUnlockOfUnlockedRWMutex],
    ['unlock of an unlocked RWMutex', (rw: RWMutex) => rw.unlock(), Fatal.unlockOfUnlockedRWMutex],
    [
      'unlock of a read-locked RWMutex',
      (rw: RWMutex) => (rw.tryRLock(), rw.unlock()),
      'sync: Unlock of unlocked RWMutex',
    ],
    [
      'rUnlock of a write-locked RWMutex',
      (rw: RWMutex) => (rw.tryLock(), rw.rUnlock()),
      'sync: RUnlock of unlocked RWMutex',
    ],
  ])('should end the run with a fatal error on %s, even inside try/catch', async (_, misuse, text) => {
    let after = false;
    const r = await explore(
      async () => {
        const rw = new RWMutex();
        try {
          misuse(rw);
        } catch {
          // a fatal error cannot be recovered
        }
        await yield_();
        after = true;
      },
      { runs: 1 },
    );
    expect(r.findings[0]?.kind).toBe('panic');
    expect(r.findings[0]?.message).toBe(`fatal error: ${text}`);
    expect(after).toBe(false);
  });
});
