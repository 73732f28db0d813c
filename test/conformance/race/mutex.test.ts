/**
 * Go's race-detector tests `src/runtime/race/testdata/mutex_test.go`, one case per Go test, in Go's
 * order (see helpers.ts). `defer mu.Unlock()` becomes try/finally, so the unlock still comes after the
 * send, as in Go.
 */
import { chan, go, Mutex, shared, time } from '../../../src/index.js';
import { raceConformance, type RaceCase } from './helpers.js';

const cases: RaceCase[] = [
  {
    name: 'TestNoRaceMutex',
    race: false,
    program: async () => {
      const mu = new Mutex();
      const x = shared(0, 'x');
      const ch = chan<boolean>(2);
      go(async () => {
        await mu.lock();
        try {
          x.set(1);
          await ch.send(true);
        } finally {
          mu.unlock();
        }
      });
      go(async () => {
        await mu.lock();
        x.set(2);
        mu.unlock();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    },
  },
  {
    name: 'TestRaceMutex',
    race: true,
    program: async () => {
      const mu = new Mutex();
      const x = shared(0, 'x');
      const ch = chan<boolean>(2);
      go(async () => {
        x.set(1);
        await mu.lock();
        try {
          await ch.send(true);
        } finally {
          mu.unlock();
        }
      });
      go(async () => {
        x.set(2);
        await mu.lock();
        mu.unlock();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    },
  },
  {
    name: 'TestRaceMutex2',
    race: true,
    program: async () => {
      const mu1 = new Mutex();
      const mu2 = new Mutex();
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
    // The 100 µs timer only makes the first goroutine lock first; the lock is what orders the writes.
    name: 'TestNoRaceMutexPureHappensBefore',
    race: false,
    program: async () => {
      const mu = new Mutex();
      const x = shared(0, 'x');
      const ch = chan<boolean>(2);
      go(async () => {
        x.set(1);
        await mu.lock();
        mu.unlock();
        await ch.send(true);
      });
      go(async () => {
        await time.after(100 * time.Microsecond).recv();
        await mu.lock();
        mu.unlock();
        x.set(1);
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    },
  },
  {
    // Locked by main, unlocked by another goroutine (legal in Go): a binary semaphore.
    name: 'TestNoRaceMutexSemaphore',
    race: false,
    program: async () => {
      const mu = new Mutex();
      const ch = chan<boolean>(2);
      const x = shared(0, 'x');
      await mu.lock();
      go(async () => {
        x.set(1);
        mu.unlock();
        await ch.send(true);
      });
      go(async () => {
        await mu.lock();
        x.set(2);
        mu.unlock();
        await ch.send(true);
      });
      await ch.recv();
      await ch.recv();
    },
  },
  {
    // From doc/go_mem.html. Main returns still holding the lock, as in Go.
    name: 'TestNoRaceMutexExampleFromHtml',
    race: false,
    program: async () => {
      const l = new Mutex();
      const a = shared('', 'a');
      await l.lock();
      go(async () => {
        a.set('hello, world');
        l.unlock();
      });
      await l.lock();
      a.get();
    },
  },
  {
    // `mu = sync.Mutex{}` writes the mutex's memory while main's Lock accesses it. A Mutex object
    // cannot be overwritten in place, so the variable `mu` is a cell holding the mutex: the goroutine
    // writes it, main reads it to call lock().
    name: 'TestRaceMutexOverwrite',
    race: true,
    program: async () => {
      const c = chan<boolean>(1);
      const mu = shared(new Mutex(), 'mu');
      go(async () => {
        mu.set(new Mutex());
        await c.send(true);
      });
      await mu.get().lock();
      await c.recv();
    },
  },
];

raceConformance('mutex_test.go', cases);
