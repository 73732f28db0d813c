import { describe, expect, it } from 'vitest';
import {
  chan,
  explore,
  Fatal,
  go,
  GoFatalError,
  Mutex,
  settle,
  WaitGroup,
  WaitReason,
  yield_,
} from '../index.js';

const SEED = 7;

/** Three tasks increment a counter with a switch point between its read and its write. */
async function counterProgram(useMutex: boolean): Promise<void> {
  const mu = new Mutex();
  const wg = new WaitGroup();
  let counter = 0;
  for (let i = 0; i < 3; i++) {
    wg.add(1);
    go(async () => {
      if (useMutex) await mu.lock();
      const v = counter;
      await yield_();
      counter = v + 1;
      if (useMutex) mu.unlock();
      wg.done();
    });
  }
  await wg.wait();
  if (counter !== 3) throw new Error(`counter = ${counter}, want 3`);
}

describe(`Mutex (seed ${SEED})`, () => {
  it('should register as Mutex#n', async () => {
    const labels: string[] = [];
    await explore(
      () => {
        labels.push(new Mutex().label, new Mutex().label);
      },
      { runs: 1 },
    );
    expect(labels).toEqual(['Mutex#1', 'Mutex#2']);
  });

  it('should keep a counter consistent under 200 schedules', async () => {
    const r = await explore(() => counterProgram(true), { runs: 200, seed: SEED });
    expect(r.runs).toBe(200);
    expect(r.findings).toEqual([]);
  });

  it('should let the explorer find the lost update without the mutex (control)', async () => {
    const r = await explore(() => counterProgram(false), { runs: 200, seed: SEED });
    expect(r.findings[0]?.kind).toBe('panic');
    expect(r.findings[0]?.message).toMatch(/^panic: counter = [12], want 3$/);
  });

  it('should deadlock with wait reason sync.Mutex.Lock on a second lock by the same task', async () => {
    const r = await explore(
      async () => {
        const mu = new Mutex();
        await mu.lock();
        await mu.lock();
      },
      { runs: 1 },
    );
    expect(r.findings[0]?.kind).toBe('deadlock');
    expect(r.findings[0]?.message).toBe('fatal error: all goroutines are asleep - deadlock!');
    expect(r.findings[0]?.tasks.map((t) => t.waitReason)).toEqual([WaitReason.mutexLock]);
  });

  it('should find the lock-order (ABBA) deadlock with both tasks in sync.Mutex.Lock', async () => {
    const r = await explore(
      async () => {
        const a = new Mutex();
        const b = new Mutex();
        const wg = new WaitGroup();
        const worker = (first: Mutex, second: Mutex) => async () => {
          await first.lock();
          await second.lock();
          second.unlock();
          first.unlock();
          wg.done();
        };
        wg.add(2);
        go(worker(a, b), 'ab');
        go(worker(b, a), 'ba');
        await wg.wait();
      },
      { runs: 200, seed: SEED },
    );
    const f = r.findings[0];
    expect(f?.kind).toBe('deadlock');
    expect(f?.tasks.map((t) => [t.name, t.waitReason])).toEqual([
      ['main', WaitReason.waitGroupWait],
      ['ab', WaitReason.mutexLock],
      ['ba', WaitReason.mutexLock],
    ]);
  });

  it('should end the run with the fatal error on unlock of an unlocked mutex, even inside try/catch', async () => {
    let caught: unknown = null;
    let after = false;
    const r = await explore(
      async () => {
        const mu = new Mutex();
        try {
          mu.unlock();
        } catch (e) {
          caught = e;
        }
        await yield_();
        after = true;
      },
      { runs: 1 },
    );
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]?.kind).toBe('panic');
    expect(r.findings[0]?.message).toBe('fatal error: sync: unlock of unlocked mutex');
    expect(r.findings[0]?.message).toBe(`fatal error: ${Fatal.unlockOfUnlockedMutex}`);
    expect(caught).toBeInstanceOf(GoFatalError);
    expect(after).toBe(false);
  });

  it('should allow unlock by a task that did not lock', async () => {
    const r = await explore(
      async () => {
        const mu = new Mutex();
        const done = chan<void>();
        await mu.lock();
        go(async () => {
          mu.unlock();
          await done.send();
        });
        await done.recv();
        await mu.lock();
        mu.unlock();
      },
      { runs: 50, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should let a task that locks after unlock win over the woken waiter in some schedules, and lose in others', async () => {
    const winners = new Set<string>();
    const r = await explore(
      async () => {
        const mu = new Mutex();
        const order: string[] = [];
        const wg = new WaitGroup();
        wg.add(2);
        await mu.lock();
        go(async () => {
          await mu.lock();
          order.push('waiter');
          mu.unlock();
          wg.done();
        }, 'waiter');
        await settle(); // the waiter is parked in the mutex's queue
        go(async () => {
          await mu.lock();
          order.push('barger');
          mu.unlock();
          wg.done();
        }, 'barger');
        mu.unlock(); // wakes the waiter, who must now compete with the barger
        await wg.wait();
        winners.add(order[0]!);
      },
      { runs: 200, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect([...winners].sort()).toEqual(['barger', 'waiter']);
  });

  it('should report tryLock results: true when free, false when held, true again after unlock', async () => {
    const results: boolean[] = [];
    const r = await explore(
      async () => {
        const mu = new Mutex();
        results.push(mu.tryLock(), mu.tryLock());
        mu.unlock();
        results.push(mu.tryLock());
        mu.unlock();
        await mu.lock();
        results.push(mu.tryLock());
        mu.unlock();
      },
      { runs: 1 },
    );
    expect(r.findings).toEqual([]);
    expect(results).toEqual([true, false, true, false]);
  });

  it('should let tryLock take a mutex freed for a woken waiter (barging), which then waits again', async () => {
    const seen: boolean[] = [];
    const r = await explore(
      async () => {
        const mu = new Mutex();
        const done = chan<void>();
        await mu.lock();
        go(async () => {
          await mu.lock();
          mu.unlock();
          await done.send();
        });
        await settle();
        mu.unlock();
        seen.push(mu.tryLock()); // the woken waiter has not run yet
        await settle();
        seen.push(mu.isLocked);
        mu.unlock();
        await done.recv();
      },
      { runs: 20, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(new Set(seen)).toEqual(new Set([true]));
  });

  it('should record MutexLocked and MutexUnlocked events in a failing schedule', async () => {
    const r = await explore(
      async () => {
        const mu = new Mutex();
        await mu.lock();
        mu.unlock();
        throw new Error('boom');
      },
      { runs: 1 },
    );
    const events = r.findings[0]!.trace.events.filter((e) => e.obj === 'Mutex#1').map((e) => e.event);
    expect(events).toEqual(['MutexLocked', 'MutexUnlocked']);
  });
});
