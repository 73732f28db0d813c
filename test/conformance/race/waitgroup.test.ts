/**
 * Go's race-detector tests `src/runtime/race/testdata/waitgroup_test.go`, one case per Go test, in
 * Go's order (see helpers.ts). Go's arrays `[P]int` become one shared cell per element. Go's
 * detector models a WaitGroup's first Add (from zero) as a read of the group and the first Wait that
 * blocks as a write, so an Add from zero not ordered with a Wait is a race even with no user
 * variable involved (TestRaceWaitGroupWrongAdd, TestRaceWaitGroupReuse).
 */
import {
  chan,
  go,
  GoPanic,
  Panic,
  shared,
  time,
  WaitGroup,
  yield_,
  type Shared,
} from '../../../src/index.js';
import { raceConformance, type RaceCase } from './helpers.js';

/** Go's `const P = 3; var data [P]int`. */
function array(n: number, name: string): Shared<number>[] {
  return Array.from({ length: n }, (_, i) => shared(0, `${name}[${i}]`));
}

/** The text of a Go panic thrown by `fn` (Go's `recover()`), or null. */
function recoverFrom(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof GoPanic) return e.goMessage;
    throw e;
  }
}

const cases: RaceCase[] = [
  {
    name: 'TestNoRaceWaitGroup',
    race: false,
    program: async () => {
      const x = shared(0, 'x');
      const wg = new WaitGroup();
      const n = 1;
      for (let i = 0; i < n; i++) {
        wg.add(1);
        const j = i;
        go(async () => {
          x.set(j);
          wg.done();
        });
      }
      await wg.wait();
    },
  },
  {
    name: 'TestRaceWaitGroup',
    race: true,
    program: async () => {
      const x = shared(0, 'x');
      const wg = new WaitGroup();
      const n = 2;
      for (let i = 0; i < n; i++) {
        wg.add(1);
        const j = i;
        go(async () => {
          x.set(j);
          wg.done();
        });
      }
      await wg.wait();
    },
  },
  {
    name: 'TestNoRaceWaitGroup2',
    race: false,
    program: async () => {
      const x = shared(0, 'x');
      const wg = new WaitGroup();
      wg.add(1);
      go(async () => {
        x.set(1);
        wg.done();
      });
      await wg.wait();
      x.set(2);
    },
  },
  {
    // Incrementing the counter in Add is not locking a mutex: Add(+1) acquires nothing.
    name: 'TestRaceWaitGroupAsMutex',
    race: true,
    program: async () => {
      const x = shared(0, 'x');
      const wg = new WaitGroup();
      const c = chan<boolean>(2);
      for (const v of [1, 2]) {
        go(async () => {
          await wg.wait();
          await time.sleep(100 * time.Millisecond);
          wg.add(+1);
          x.set(v);
          wg.add(-1);
          await c.send(true);
        });
      }
      await c.recv();
      await c.recv();
    },
  },
  {
    // Incorrect usage: Add is too late.
    name: 'TestRaceWaitGroupWrongWait',
    race: true,
    program: async () => {
      const c = chan<boolean>(2);
      const x = shared(0, 'x');
      const wg = new WaitGroup();
      for (const v of [1, 2]) {
        go(async () => {
          wg.add(1);
          await yield_();
          x.set(v);
          wg.done();
          await c.send(true);
        });
      }
      await wg.wait();
      await c.recv();
      await c.recv();
    },
  },
  {
    // No user variable: the first Add (from zero) in a goroutine races with main's blocking Wait.
    name: 'TestRaceWaitGroupWrongAdd',
    race: true,
    program: async () => {
      const c = chan<boolean>(2);
      const wg = new WaitGroup();
      for (let i = 0; i < 2; i++) {
        go(async () => {
          wg.add(1);
          await time.sleep(100 * time.Millisecond);
          wg.done();
          await c.send(true);
        });
      }
      await time.sleep(50 * time.Millisecond);
      await wg.wait();
      await c.recv();
      await c.recv();
    },
  },
  {
    // Waits on a zero counter return at once and touch nothing.
    name: 'TestNoRaceWaitGroupMultipleWait',
    race: false,
    program: async () => {
      const c = chan<boolean>(2);
      const wg = new WaitGroup();
      for (let i = 0; i < 2; i++) {
        go(async () => {
          await wg.wait();
          await c.send(true);
        });
      }
      await wg.wait();
      await c.recv();
      await c.recv();
    },
  },
  {
    // Concurrent Waits do not race with each other.
    name: 'TestNoRaceWaitGroupMultipleWait2',
    race: false,
    program: async () => {
      const c = chan<boolean>(2);
      const wg = new WaitGroup();
      wg.add(2);
      for (let i = 0; i < 2; i++) {
        go(async () => {
          wg.done();
          await wg.wait();
          await c.send(true);
        });
      }
      await wg.wait();
      await c.recv();
      await c.recv();
    },
  },
  {
    name: 'TestNoRaceWaitGroupMultipleWait3',
    race: false,
    program: async () => {
      const P = 3;
      const data = array(P, 'data');
      const done = chan<boolean>(P);
      const wg = new WaitGroup();
      wg.add(P);
      for (let p = 0; p < P; p++) {
        go(async () => {
          data[p]!.set(42);
          wg.done();
        });
      }
      for (let p = 0; p < P; p++) {
        go(async () => {
          await wg.wait();
          for (let p1 = 0; p1 < P; p1++) data[p1]!.get();
          await done.send(true);
        });
      }
      for (let p = 0; p < P; p++) await done.recv();
    },
  },
  {
    // Correct usage but still a race.
    name: 'TestRaceWaitGroup2',
    race: true,
    program: async () => {
      const x = shared(0, 'x');
      const wg = new WaitGroup();
      wg.add(2);
      for (const v of [1, 2]) {
        go(async () => {
          x.set(v);
          wg.done();
        });
      }
      await wg.wait();
    },
  },
  {
    // `defer func() { recover(); x = 2 }()` around `x = 1; wg.Add(-1)`: one goroutine.
    name: 'TestNoRaceWaitGroupPanicRecover',
    race: false,
    program: async () => {
      const x = shared(0, 'x');
      const wg = new WaitGroup();
      const err = recoverFrom(() => {
        x.set(1);
        wg.add(-1);
      });
      if (err !== Panic.negativeWaitGroup) throw new Error(`Unexpected panic: ${err}`);
      x.set(2);
    },
  },
  {
    // The recovering deferred function starts f after x = 1: the go statement orders them.
    name: 'TestNoRaceWaitGroupPanicRecover2',
    race: false,
    program: async () => {
      const x = shared(0, 'x');
      const wg = new WaitGroup();
      const ch = chan<boolean>(1);
      const f = async (): Promise<void> => {
        x.set(2);
        await ch.send(true);
      };
      go(async () => {
        recoverFrom(() => {
          x.set(1);
          wg.add(-1);
        });
        go(f);
      });
      await ch.recv();
    },
  },
  {
    name: 'TestNoRaceWaitGroupTransitive',
    race: false,
    program: async () => {
      const x = shared(0, 'x');
      const y = shared(0, 'y');
      const wg = new WaitGroup();
      wg.add(2);
      go(async () => {
        x.set(42);
        wg.done();
      });
      go(async () => {
        await time.sleep(1e7);
        y.set(42);
        wg.done();
      });
      await wg.wait();
      x.get();
      y.get();
    },
  },
  {
    name: 'TestNoRaceWaitGroupReuse',
    race: false,
    program: async () => {
      const P = 3;
      const data = array(P, 'data');
      const wg = new WaitGroup();
      for (let attempt = 0; attempt < 3; attempt++) {
        wg.add(P);
        for (let p = 0; p < P; p++) {
          go(async () => {
            data[p]!.set(data[p]!.get() + 1);
            wg.done();
          });
        }
        await wg.wait();
        for (let p = 0; p < P; p++) data[p]!.set(data[p]!.get() + 1);
      }
    },
  },
  {
    name: 'TestNoRaceWaitGroupReuse2',
    race: false,
    program: async () => {
      const P = 3;
      const data = array(P, 'data');
      const wg = new WaitGroup();
      for (let attempt = 0; attempt < 3; attempt++) {
        wg.add(P);
        for (let p = 0; p < P; p++) {
          go(async () => {
            data[p]!.set(data[p]!.get() + 1);
            wg.done();
          });
        }
        const done = chan<boolean>();
        go(async () => {
          await wg.wait();
          for (let p = 0; p < P; p++) data[p]!.set(data[p]!.get() + 1);
          await done.send(true);
        });
        await wg.wait();
        await done.recv();
        for (let p = 0; p < P; p++) data[p]!.set(data[p]!.get() + 1);
      }
    },
  },
  {
    // Each try has its own data; the race is on the group: the helper's blocking Wait of one try
    // is not ordered before main's Add (from zero) of the next.
    name: 'TestRaceWaitGroupReuse',
    race: true,
    program: async () => {
      const P = 3;
      const T = 3;
      const done = chan<boolean>(T);
      const wg = new WaitGroup();
      for (let attempt = 0; attempt < T; attempt++) {
        const data = array(P, `data${attempt}`);
        wg.add(P);
        for (let p = 0; p < P; p++) {
          go(async () => {
            await time.sleep(50 * time.Millisecond);
            data[p]!.set(data[p]!.get() + 1);
            wg.done();
          });
        }
        go(async () => {
          await wg.wait();
          for (let p = 0; p < P; p++) data[p]!.set(data[p]!.get() + 1);
          await done.send(true);
        });
        await time.sleep(100 * time.Millisecond);
        await wg.wait();
      }
      for (let attempt = 0; attempt < T; attempt++) await done.recv();
    },
  },
  {
    // Concurrent Adds from zero are reads of the group: they do not race with each other, and each
    // is ordered before main's Wait by the channel.
    name: 'TestNoRaceWaitGroupConcurrentAdd',
    race: false,
    program: async () => {
      const P = 4;
      const waiting = chan<boolean>(P);
      const wg = new WaitGroup();
      for (let p = 0; p < P; p++) {
        go(async () => {
          wg.add(1);
          await waiting.send(true);
          wg.done();
        });
      }
      for (let p = 0; p < P; p++) await waiting.recv();
      await wg.wait();
    },
  },
];

raceConformance('waitgroup_test.go', cases);
