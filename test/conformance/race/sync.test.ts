/**
 * Go's race-detector tests `src/runtime/race/testdata/sync_test.go`, one case per Go test, in Go's
 * order (see helpers.ts). A Go variable's declaration (`x := 0`) is the creation of its shared cell,
 * not a write. Go's `_ = x` (kept only to silence "declared and not used") compiles to no memory
 * access, so it is left out.
 */
import { chan, Cond, go, Mutex, shared, time, type RWMutex } from '../../../src/index.js';
import { raceConformance, type RaceCase } from './helpers.js';

const cases: RaceCase[] = [
  {
    name: 'TestNoRaceCond',
    race: false,
    program: async () => {
      const x = shared(0, 'x');
      const condition = shared(0, 'condition');
      const mu = new Mutex();
      const cond = new Cond(mu);
      go(async () => {
        x.set(1);
        await mu.lock();
        condition.set(1);
        cond.signal();
        mu.unlock();
      });
      await mu.lock();
      while (condition.get() !== 1) await cond.wait();
      mu.unlock();
      x.set(2);
    },
  },
  {
    // Main's x = 2 (after its Unlock) and the goroutine's x = 3 (after its later Lock) are unordered.
    name: 'TestRaceCond',
    race: true,
    program: async () => {
      const done = chan<boolean>();
      const mu = new Mutex();
      const cond = new Cond(mu);
      const x = shared(0, 'x');
      const condition = shared(0, 'condition');
      go(async () => {
        await time.sleep(10 * time.Millisecond); // enter the cond.Wait loop
        x.set(1);
        await mu.lock();
        condition.set(1);
        cond.signal();
        mu.unlock();
        await time.sleep(10 * time.Millisecond); // exit the cond.Wait loop
        await mu.lock();
        x.set(3);
        mu.unlock();
        await done.send(true);
      });
      await mu.lock();
      while (condition.get() !== 1) await cond.wait();
      mu.unlock();
      x.set(2);
      await done.recv();
    },
  },
  {
    // Go checks the creation stacks of this report by eye; here only the race is checked.
    name: 'TestRaceAnnounceThreads',
    race: true,
    program: async () => {
      const N = 7;
      const allDone = chan<boolean>(N);
      const x = shared(0, 'x');
      const g = async (): Promise<void> => {
        for (let i = 0; i < 2; i++) {
          go(async () => {
            x.set(1);
            await allDone.send(true);
          });
          await allDone.send(true);
        }
      };
      const f = async (): Promise<void> => {
        x.set(1);
        go(g);
        go(async () => {
          x.set(1);
          await allDone.send(true);
        });
        x.set(2);
        await allDone.send(true);
      };
      const h = async (): Promise<void> => {
        x.set(1);
        x.set(2);
        go(f);
        await allDone.send(true);
      };
      go(h);
      for (let i = 0; i < N; i++) await allDone.recv();
    },
  },
  {
    // A chain of AfterFunc(0, f): each f's i-- is ordered before the next f by its AfterFunc call.
    name: 'TestNoRaceAfterFunc1',
    race: false,
    program: async () => {
      const i = shared(2, 'i');
      const c = chan<boolean>();
      const f = async (): Promise<void> => {
        i.set(i.get() - 1);
        if (i.get() >= 0) time.afterFunc(0, f);
        else await c.send(true);
      };
      time.afterFunc(0, f);
      await c.recv();
    },
  },
  {
    // The deferred Stop runs before the 10 ns have passed: the function never runs.
    name: 'TestNoRaceAfterFunc2',
    race: false,
    program: async () => {
      const x = shared(0, 'x');
      const timer = time.afterFunc(10, () => {
        x.set(1);
      });
      timer.stop();
    },
  },
  {
    name: 'TestNoRaceAfterFunc3',
    race: false,
    program: async () => {
      const c = chan<boolean>(1);
      const x = shared(0, 'x');
      time.afterFunc(1e7, async () => {
        x.set(1);
        await c.send(true);
      });
      await c.recv();
    },
  },
  {
    // Two AfterFunc functions write x: each is ordered after its own AfterFunc call only, so they
    // race, although main received from the first before the second fired.
    name: 'TestRaceAfterFunc3',
    race: true,
    program: async () => {
      const c = chan<boolean>(2);
      const x = shared(0, 'x');
      time.afterFunc(1e7, async () => {
        x.set(1);
        await c.send(true);
      });
      time.afterFunc(2e7, async () => {
        x.set(2);
        await c.send(true);
      });
      await c.recv();
      await c.recv();
    },
  },
  {
    // Go checks the creation stack of this report by eye; here only the race is checked.
    name: 'TestRaceGoroutineCreationStack',
    race: true,
    program: async () => {
      const x = shared(0, 'x');
      const ch = chan<boolean>(1);
      const f1 = async (): Promise<void> => {
        x.set(1);
        await ch.send(true);
      };
      const f2 = (): void => go(f1);
      const f3 = (): void => go(f2);
      const f4 = (): void => go(f3);
      go(f4);
      x.set(2);
      await ch.recv();
    },
  },
  {
    // A method call on a nil *RWMutex panics (here a TypeError); the recovering code then uses
    // another mutex, which must still work.
    name: 'TestNoRaceNilMutexCrash',
    race: false,
    program: async () => {
      const mutex = new Mutex();
      const panics = shared(0, 'panics');
      const othermutex = null as unknown as RWMutex;
      let recovered: unknown = null;
      try {
        await othermutex.rLock();
      } catch (e) {
        recovered = e;
      }
      if (recovered === null) throw new Error('no panic');
      await mutex.lock();
      panics.set(panics.get() + 1);
      mutex.unlock();
    },
  },
];

raceConformance('sync_test.go', cases);
