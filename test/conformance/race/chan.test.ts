// Port of golang/go src/runtime/race/testdata/chan_test.go: the happens-before edges of channel
// operations (send/receive, buffered and unbuffered, close, select), and Go's extra rules that a
// send reads the channel and a close writes it. Each Go test is one case, in Go's order.
import {
  chan,
  type Chan,
  GoPanic,
  go,
  select,
  shared,
  type Shared,
  time,
  yield_,
} from '../../../src/index.js';
import { raceConformance, type RaceCase } from './helpers.js';

const ms = 1_000_000;

/** Runs `f`, swallowing a Go panic: Go's `defer func() { recover() }()`. Returns whether it panicked. */
async function recovering(f: () => unknown): Promise<boolean> {
  try {
    await f();
    return false;
  } catch (e) {
    if (e instanceof GoPanic) return true;
    throw e;
  }
}

const cases: RaceCase[] = [
  {
    name: 'TestNoRaceChanSync',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>();
      go(async () => {
        v.set(1);
        await c.send(0);
      });
      await c.recv();
      v.set(2);
    },
  },
  {
    name: 'TestNoRaceChanSyncRev',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>();
      go(async () => {
        await c.send(0);
        v.set(2);
      });
      v.set(1);
      await c.recv();
    },
  },
  {
    name: 'TestNoRaceChanAsync',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>(10);
      go(async () => {
        v.set(1);
        await c.send(0);
      });
      await c.recv();
      v.set(2);
    },
  },
  {
    name: 'TestRaceChanAsyncRev',
    race: true,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>(10);
      go(async () => {
        await c.send(0);
        v.set(1);
      });
      v.set(2);
      await c.recv();
    },
  },
  {
    name: 'TestNoRaceChanAsyncCloseRecv',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>(10);
      go(async () => {
        v.set(1);
        c.close();
      });
      try {
        await recovering(() => c.recv());
      } finally {
        v.set(2); // the deferred function
      }
    },
  },
  {
    name: 'TestNoRaceChanAsyncCloseRecv2',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>(10);
      go(async () => {
        v.set(1);
        c.close();
      });
      await c.recvOk();
      v.set(2);
    },
  },
  {
    name: 'TestNoRaceChanAsyncCloseRecv3',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>(10);
      go(async () => {
        v.set(1);
        c.close();
      });
      for await (const _ of c) {
        // for range c {}
      }
      v.set(2);
    },
  },
  {
    name: 'TestNoRaceChanSyncCloseRecv',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>();
      go(async () => {
        v.set(1);
        c.close();
      });
      try {
        await recovering(() => c.recv());
      } finally {
        v.set(2);
      }
    },
  },
  {
    name: 'TestNoRaceChanSyncCloseRecv2',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>();
      go(async () => {
        v.set(1);
        c.close();
      });
      await c.recvOk();
      v.set(2);
    },
  },
  {
    name: 'TestNoRaceChanSyncCloseRecv3',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>();
      go(async () => {
        v.set(1);
        c.close();
      });
      for await (const _ of c) {
        // for range c {}
      }
      v.set(2);
    },
  },
  {
    // The send (blocked, then woken by close into a panic) reads the channel, the close writes it.
    name: 'TestRaceChanSyncCloseSend',
    race: true,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>();
      go(async () => {
        v.set(1);
        c.close();
      });
      await recovering(() => c.send(0));
      v.set(2);
    },
  },
  {
    name: 'TestRaceChanAsyncCloseSend',
    race: true,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>(10);
      go(async () => {
        v.set(1);
        c.close();
      });
      await recovering(async () => {
        for (;;) await c.send(0);
      });
      v.set(2);
    },
  },
  {
    // The second close panics without touching the channel, so nothing orders the writes.
    name: 'TestRaceChanCloseClose',
    race: true,
    program: async () => {
      const compl = chan<boolean>(2);
      const v1 = shared(0, 'v1');
      const v2 = shared(0, 'v2');
      const c = chan<number>();
      go(async () => {
        const panicked = await recovering(() => {
          v1.set(1);
          c.close();
        });
        if (panicked) v2.set(2);
        await compl.send(true);
      });
      go(async () => {
        const panicked = await recovering(() => {
          v2.set(1);
          c.close();
        });
        if (panicked) v1.set(2);
        await compl.send(true);
      });
      await compl.recv();
      await compl.recv();
    },
  },
  {
    // len(c) is no synchronization.
    name: 'TestRaceChanSendLen',
    race: true,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>(10);
      go(async () => {
        v.set(1);
        await c.send(1);
      });
      while (c.len() === 0) await yield_();
      v.set(2);
    },
  },
  {
    name: 'TestRaceChanRecvLen',
    race: true,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>(10);
      await c.send(1);
      go(async () => {
        v.set(1);
        await c.recv();
      });
      while (c.len() !== 0) await yield_();
      v.set(2);
    },
  },
  {
    name: 'TestRaceChanSendSend',
    race: true,
    program: async () => {
      const compl = chan<boolean>(2);
      const v1 = shared(0, 'v1');
      const v2 = shared(0, 'v2');
      const c = chan<number>(1);
      go(async () => {
        v1.set(1);
        const r = await select([{ send: c, value: 1 }, { default: true }]);
        if (r.index === 1) v2.set(2);
        await compl.send(true);
      });
      go(async () => {
        v2.set(1);
        const r = await select([{ send: c, value: 1 }, { default: true }]);
        if (r.index === 1) v1.set(2);
        await compl.send(true);
      });
      await compl.recv();
      await compl.recv();
    },
  },
  {
    name: 'TestNoRaceChanPtr',
    race: false,
    program: async () => {
      const c = chan<Shared<number>>();
      go(async () => {
        const x = shared(0, 'msg.x');
        x.set(1); // &msg{1}
        await c.send(x);
      });
      const m = (await c.recv())!;
      m.set(2);
    },
  },
  {
    name: 'TestRaceChanWrongSend',
    race: true,
    program: async () => {
      const v1 = shared(0, 'v1');
      const v2 = shared(0, 'v2');
      const c = chan<number>(2);
      go(async () => {
        v1.set(1);
        await c.send(1);
      });
      go(async () => {
        v2.set(2);
        await c.send(2);
      });
      await time.sleep(10 * ms);
      if ((await c.recv()) === 1) v2.set(3);
      else v1.set(3);
    },
  },
  {
    name: 'TestRaceChanWrongClose',
    race: true,
    program: async () => {
      const v1 = shared(0, 'v1');
      const v2 = shared(0, 'v2');
      const c = chan<number>(1);
      go(async () => {
        await recovering(async () => {
          v1.set(1);
          await c.send(1);
        });
      });
      go(async () => {
        await time.sleep(10 * ms);
        v2.set(2);
        c.close();
      });
      await time.sleep(20 * ms);
      const [, who] = await c.recvOk();
      if (who) v2.set(2);
      else v1.set(2);
    },
  },
  {
    // The send reads the channel, the close writes it.
    name: 'TestRaceChanSendClose',
    race: true,
    program: async () => {
      const compl = chan<boolean>(2);
      const c = chan<number>(1);
      go(async () => {
        await recovering(() => c.send(1));
        await compl.send(true);
      });
      go(async () => {
        await time.sleep(10 * ms);
        c.close();
        await compl.send(true);
      });
      await compl.recv();
      await compl.recv();
    },
  },
  {
    // A select's send case reads the channel even when it finds it closed and panics.
    name: 'TestRaceChanSendSelectClose',
    race: true,
    program: async () => {
      const compl = chan<boolean>(2);
      const c = chan<number>(1);
      const c1 = chan<number>();
      go(async () => {
        await recovering(async () => {
          await time.sleep(10 * ms);
          await select([{ send: c, value: 1 }, { recv: c1 }]);
        });
        await compl.send(true);
      });
      go(async () => {
        c.close();
        await compl.send(true);
      });
      await compl.recv();
      await compl.recv();
    },
  },
  {
    name: 'TestRaceSelectReadWriteAsync',
    race: true,
    program: async () => {
      const done = chan<boolean>();
      const x = shared(0, 'x');
      const c1 = chan<number>(10);
      const c2 = chan<number>(10);
      const c3 = chan<number>();
      await c2.send(1);
      go(async () => {
        // read of x races with...
        await select([
          { send: c1, value: x.get() },
          { send: c3, value: 1 },
        ]);
        await done.send(true);
      });
      const r = await select([{ recv: c2 }, { send: c3, value: 1 }]);
      if (r.index === 0) x.set(r.value!); // ... write to x here
      await done.recv();
    },
  },
  {
    name: 'TestRaceSelectReadWriteSync',
    race: true,
    program: async () => {
      const done = chan<boolean>();
      const x = shared(0, 'x');
      const c1 = chan<number>();
      const c2 = chan<number>();
      const c3 = chan<number>();
      // make c1 and c2 ready for communication
      go(async () => {
        await c1.recv();
      });
      go(async () => {
        await c2.send(1);
      });
      go(async () => {
        // read of x races with...
        await select([
          { send: c1, value: x.get() },
          { send: c3, value: 1 },
        ]);
        await done.send(true);
      });
      const r = await select([{ recv: c2 }, { send: c3, value: 1 }]);
      if (r.index === 0) x.set(r.value!); // ... write to x here
      await done.recv();
    },
  },
  {
    name: 'TestNoRaceSelectReadWriteAsync',
    race: false,
    program: async () => {
      const done = chan<boolean>();
      const x = shared(0, 'x');
      const c1 = chan<number>();
      const c2 = chan<number>();
      go(async () => {
        // read of x does not race with...
        await select([
          { send: c1, value: x.get() },
          { send: c2, value: 1 },
        ]);
        await done.send(true);
      });
      const r = await select([{ recv: c1 }, { send: c2, value: 1 }]);
      if (r.index === 0) x.set(r.value!); // ... write to x here
      await done.recv();
    },
  },
  {
    name: 'TestRaceChanReadWriteAsync',
    race: true,
    program: async () => {
      const done = chan<boolean>();
      const c1 = chan<number>(10);
      const c2 = chan<number>(10);
      await c2.send(10);
      const x = shared(0, 'x');
      go(async () => {
        await c1.send(x.get()); // read of x races with...
        await done.send(true);
      });
      x.set((await c2.recv())!); // ... write to x here
      await done.recv();
    },
  },
  {
    name: 'TestRaceChanReadWriteSync',
    race: true,
    program: async () => {
      const done = chan<boolean>();
      const c1 = chan<number>();
      const c2 = chan<number>();
      // make c1 and c2 ready for communication
      go(async () => {
        await c1.recv();
      });
      go(async () => {
        await c2.send(10);
      });
      const x = shared(0, 'x');
      go(async () => {
        await c1.send(x.get()); // read of x races with...
        await done.send(true);
      });
      x.set((await c2.recv())!); // ... write to x here
      await done.recv();
    },
  },
  {
    name: 'TestNoRaceChanReadWriteAsync',
    race: false,
    program: async () => {
      const done = chan<boolean>();
      const c1 = chan<number>(10);
      const x = shared(0, 'x');
      go(async () => {
        await c1.send(x.get()); // read of x does not race with...
        await done.send(true);
      });
      x.set((await c1.recv())!); // ... write to x here
      await done.recv();
    },
  },
  {
    name: 'TestNoRaceProducerConsumerUnbuffered',
    race: false,
    program: async () => {
      interface Task {
        f: () => void;
        done: Chan<boolean>;
      }
      const queue = chan<Task>();
      go(async () => {
        const t = (await queue.recv())!;
        t.f();
        await t.done.send(true);
      });
      const doit = async (f: () => void): Promise<void> => {
        const done = chan<boolean>(1);
        await queue.send({ f, done });
        await done.recv();
      };
      const x = shared(0, 'x');
      await doit(() => x.set(1));
      x.get();
    },
  },
  // TestRaceChan{Send,Recv,Nil,Close,Len,Cap}Itself: the race is on the variable c that holds the
  // channel, read by the goroutine's operation and overwritten by main.
  {
    name: 'TestRaceChanItselfSend',
    race: true,
    program: async () => {
      const compl = chan<boolean>(1);
      const c = shared(chan<number>(10), 'c');
      go(async () => {
        await c.get().send(0);
        await compl.send(true);
      });
      c.set(chan<number>(20));
      await compl.recv();
    },
  },
  {
    name: 'TestRaceChanItselfRecv',
    race: true,
    program: async () => {
      const compl = chan<boolean>(1);
      const c = shared(chan<number>(10), 'c');
      await c.get().send(1);
      go(async () => {
        await c.get().recv();
        await compl.send(true);
      });
      await time.sleep(10 * ms);
      c.set(chan<number>(20));
      await compl.recv();
    },
  },
  {
    name: 'TestRaceChanItselfNil',
    race: true,
    program: async () => {
      const c = shared<Chan<number> | null>(chan<number>(10), 'c');
      go(async () => {
        await c.get()!.send(0);
      });
      await time.sleep(10 * ms);
      c.set(null);
    },
  },
  {
    name: 'TestRaceChanItselfClose',
    race: true,
    program: async () => {
      const compl = chan<boolean>(1);
      const c = shared(chan<number>(), 'c');
      go(async () => {
        c.get().close();
        await compl.send(true);
      });
      c.set(chan<number>());
      await compl.recv();
    },
  },
  {
    name: 'TestRaceChanItselfLen',
    race: true,
    program: async () => {
      const compl = chan<boolean>(1);
      const c = shared(chan<number>(), 'c');
      go(async () => {
        c.get().len();
        await compl.send(true);
      });
      c.set(chan<number>());
      await compl.recv();
    },
  },
  {
    name: 'TestRaceChanItselfCap',
    race: true,
    program: async () => {
      const compl = chan<boolean>(1);
      const c = shared(chan<number>(), 'c');
      go(async () => {
        c.get().cap();
        await compl.send(true);
      });
      c.set(chan<number>());
      await compl.recv();
    },
  },
  {
    name: 'TestRaceChanCloseLen',
    race: true,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>(10);
      await c.send(0);
      go(async () => {
        v.set(1);
        c.close();
      });
      await time.sleep(10 * ms);
      c.len();
      v.set(2);
    },
  },
  {
    // Go does not recover here: a schedule where the close comes first panics in main.
    name: 'TestRaceChanCloseSend',
    race: true,
    program: async () => {
      const compl = chan<boolean>(1);
      const c = chan<number>(10);
      go(async () => {
        c.close();
        await compl.send(true);
      });
      await c.send(0);
      await compl.recv();
    },
  },
  {
    name: 'TestNoRaceChanMutex',
    race: false,
    program: async () => {
      const done = chan<void>();
      const mtx = chan<void>(1);
      const data = shared(0, 'data');
      go(async () => {
        await mtx.send();
        data.set(42);
        await mtx.recv();
        await done.send();
      });
      await mtx.send();
      data.set(43);
      await mtx.recv();
      await done.recv();
    },
  },
  {
    name: 'TestNoRaceSelectMutex',
    race: false,
    program: async () => {
      const done = chan<void>();
      const mtx = chan<void>(1);
      const aux = chan<boolean>();
      const data = shared(0, 'data');
      go(async () => {
        await select([{ send: mtx, value: undefined }, { recv: aux }]);
        data.set(42);
        await select([{ recv: mtx }, { recv: aux }]);
        await done.send();
      });
      await select([{ send: mtx, value: undefined }, { recv: aux }]);
      data.set(43);
      await select([{ recv: mtx }, { recv: aux }]);
      await done.recv();
    },
  },
  {
    name: 'TestRaceChanSem',
    race: true,
    program: async () => {
      const done = chan<void>();
      const mtx = chan<boolean>(2);
      const data = shared(0, 'data');
      go(async () => {
        await mtx.send(true);
        data.set(42);
        await mtx.recv();
        await done.send();
      });
      await mtx.send(true);
      data.set(43);
      await mtx.recv();
      await done.recv();
    },
  },
  {
    name: 'TestNoRaceChanWaitGroup',
    race: false,
    program: async () => {
      const N = 10;
      const chanWg = chan<boolean>(N / 2);
      const data = Array.from({ length: N }, (_, i) => shared(0, `data[${i}]`));
      for (let i = 0; i < N; i++) {
        await chanWg.send(true);
        go(async () => {
          data[i]!.set(42);
          await chanWg.recv();
        });
      }
      for (let i = 0; i < chanWg.cap(); i++) await chanWg.send(true);
      for (let i = 0; i < N; i++) data[i]!.get();
    },
  },
  {
    // The sender synchronizes with the receiver even if the sender was blocked.
    name: 'TestNoRaceBlockedSendSync',
    race: false,
    program: async () => {
      const c = chan<Shared<number> | null>(1);
      await c.send(null);
      go(async () => {
        const i = shared(0, 'i');
        i.set(42);
        await c.send(i);
      });
      // Give the sender time to actually block (optional: no race either way).
      await time.sleep(10 * ms);
      await c.recv();
      const p = (await c.recv())!;
      if (p.get() !== 42) throw new Error('*p != 42');
    },
  },
  {
    // The same, but the blocked sender is unblocked by a select.
    name: 'TestNoRaceBlockedSelectSendSync',
    race: false,
    program: async () => {
      const c = chan<Shared<number> | null>(1);
      await c.send(null);
      go(async () => {
        const i = shared(0, 'i');
        i.set(42);
        await c.send(i);
      });
      await time.sleep(10 * ms);
      await c.recv();
      const r = await select([{ recv: c }, { recv: chan<number>() }]);
      if (r.index === 0 && r.value!.get() !== 42) throw new Error('*p != 42');
    },
  },
  // The two tests below are in newer versions of chan_test.go than the copy this port was read from.
  {
    // A receive that finds the channel closed (here a select with default) acquires the close
    // (golang.org/issue/36714). Go loops 100 times; one iteration keeps the meaning.
    name: 'TestNoRaceCloseHappensBeforeRead',
    race: false,
    program: async () => {
      const loc = shared(0, 'loc');
      const write = chan<void>();
      const read = chan<void>();
      go(async () => {
        const r = await select([{ recv: write }, { default: true }]);
        if (r.index === 0) loc.get();
        read.close();
      });
      go(async () => {
        loc.set(1);
        write.close();
      });
      await read.recv();
    },
  },
  {
    // A buffered chan struct{} (golang.org/issue/42598): the k-th receive still happens before the
    // (k+C)-th send.
    name: 'TestNoRaceElemetSize0',
    race: false,
    program: async () => {
      const x = shared(0, 'x');
      const y = shared(0, 'y');
      const c = chan<void>(2);
      await c.send();
      await c.send();
      go(async () => {
        x.set(x.get() + 1);
        await c.recv();
      });
      go(async () => {
        y.set(y.get() + 1);
        await c.recv();
      });
      await time.sleep(10 * ms);
      await c.send();
      await c.send();
      x.set(x.get() + 1);
      y.set(y.get() + 1);
    },
  },
];

raceConformance('chan_test.go', cases);
