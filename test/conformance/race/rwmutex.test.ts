/**
 * Go's race-detector tests `src/runtime/race/testdata/rwmutex_test.go`, one case per Go test, in
 * Go's order (see helpers.ts). `defer mu.Unlock()` becomes try/finally; Go's untyped sleeps (1e7 ns)
 * keep their nanosecond values on the virtual clock.
 */
import { chan, go, Mutex, RWMutex, shared, time, type Chan, type Shared } from '../../../src/index.js';
import { raceConformance, type RaceCase } from './helpers.js';

/** The writer of the MultipleReaders tests: `mu.Lock(); defer mu.Unlock(); x = 2; ch <- true`. */
function writer(mu: RWMutex, x: Shared<number>, ch: Chan<boolean>): void {
  go(async () => {
    await mu.lock();
    try {
      x.set(2);
      await ch.send(true);
    } finally {
      mu.unlock();
    }
  });
}

const cases: RaceCase[] = [
  {
    name: 'TestRaceMutexRWMutex',
    race: true,
    program: async () => {
      const mu1 = new Mutex();
      const mu2 = new RWMutex();
      const x = shared(0, 'x');
      const ch = chan<boolean>(2);
      go(async () => {
        await mu1.lock();
        try {
          x.set(1);
          await ch.send(true);
        } finally {
          mu1.unlock();
        }
      });
      go(async () => {
        await mu2.lock();
        x.set(2);
        mu2.unlock();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    },
  },
  {
    name: 'TestNoRaceRWMutex',
    race: false,
    program: async () => {
      const mu = new RWMutex();
      const x = shared(0, 'x');
      const y = shared(1, 'y');
      const ch = chan<boolean>(2);
      writer(mu, x, ch);
      go(async () => {
        await mu.rLock();
        y.set(x.get());
        mu.rUnlock();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    },
  },
  {
    // Three readers write the shared y under the read lock: two of them are always on the same side
    // of the writer, so they race on y.
    name: 'TestRaceRWMutexMultipleReaders',
    race: true,
    program: async () => {
      const mu = new RWMutex();
      const x = shared(0, 'x');
      const y = shared(1, 'y');
      const ch = chan<boolean>(4);
      writer(mu, x, ch);
      for (const k of [1, 2, 3]) {
        go(async () => {
          await mu.rLock();
          y.set(x.get() + k);
          mu.rUnlock();
          await ch.send(true);
        });
      }
      for (let i = 0; i < 4; i++) await ch.recv();
      y.get();
    },
  },
  {
    // As above, but each reader's y is its own local: only reads of x remain.
    name: 'TestNoRaceRWMutexMultipleReaders',
    race: false,
    program: async () => {
      const mu = new RWMutex();
      const x = shared(0, 'x');
      const ch = chan<boolean>(4);
      writer(mu, x, ch);
      for (const k of [1, 2, 3]) {
        go(async () => {
          await mu.rLock();
          const y = x.get() + k;
          void y;
          mu.rUnlock();
          await ch.send(true);
        });
      }
      for (let i = 0; i < 4; i++) await ch.recv();
    },
  },
  {
    // The write lock comes after both readers' RUnlocks (by the sleeps): each RUnlock happens before
    // the Lock.
    name: 'TestNoRaceRWMutexTransitive',
    race: false,
    program: async () => {
      const mu = new RWMutex();
      const x = shared(0, 'x');
      const ch = chan<boolean>(2);
      go(async () => {
        await mu.rLock();
        x.get();
        mu.rUnlock();
        await ch.send(true);
      });
      go(async () => {
        await time.sleep(1e7);
        await mu.rLock();
        x.get();
        mu.rUnlock();
        await ch.send(true);
      });
      await time.sleep(2e7);
      await mu.lock();
      x.set(42);
      mu.unlock();
      await ch.recv();
      await ch.recv();
    },
  },
];

raceConformance('rwmutex_test.go', cases);
