// Port of golang/go src/runtime/race/testdata/select_test.go: the happens-before edges of a select
// (send and receive cases, a closed channel, default). Each Go test is one case, in Go's order.
// Go's commented-out TestFlakyDefault is not a test and is not ported.
import { chan, type Chan, go, select, shared, yield_ } from '../../../src/index.js';
import { raceConformance, type RaceCase } from './helpers.js';

const cases: RaceCase[] = [
  {
    name: 'TestNoRaceSelect1',
    race: false,
    program: async () => {
      const x = shared(0, 'x');
      const compl = chan<boolean>();
      const c = chan<boolean>();
      const c1 = chan<boolean>();
      go(async () => {
        x.set(1);
        // Go needs two channels so that the compiler keeps the select.
        await select([
          { send: c, value: true },
          { send: c1, value: true },
        ]);
        await compl.send(true);
      });
      await select([{ recv: c }, { send: c1, value: true }]);
      x.set(2);
      await compl.recv();
    },
  },
  {
    name: 'TestNoRaceSelect2',
    race: false,
    program: async () => {
      const x = shared(0, 'x');
      const compl = chan<boolean>();
      const c = chan<boolean>();
      const c1 = chan<boolean>();
      go(async () => {
        await select([{ recv: c }, { recv: c1 }]);
        x.set(1);
        await compl.send(true);
      });
      x.set(2);
      c.close();
      await yield_();
      await compl.recv();
    },
  },
  {
    name: 'TestNoRaceSelect3',
    race: false,
    program: async () => {
      const x = shared(0, 'x');
      const compl = chan<boolean>();
      const c = chan<boolean>(10);
      const c1 = chan<boolean>();
      go(async () => {
        x.set(1);
        await select([{ send: c, value: true }, { recv: c1 }]);
        await compl.send(true);
      });
      await c.recv();
      x.set(2);
      await compl.recv();
    },
  },
  {
    // The server goroutine loops forever, as in Go (a leak finding here, which the harness ignores).
    name: 'TestNoRaceSelect4',
    race: false,
    program: async () => {
      interface Task {
        f: () => void;
        done: Chan<boolean>;
      }
      const queue = chan<Task>();
      const dummy = chan<boolean>();
      go(async () => {
        for (;;) {
          const r = await select([{ recv: queue }]);
          const t = r.value!;
          t.f();
          await t.done.send(true);
        }
      });
      const doit = async (f: () => void): Promise<void> => {
        const done = chan<boolean>(1);
        await select([{ send: queue, value: { f, done } }, { recv: dummy }]);
        await select([{ recv: done }, { recv: dummy }]);
      };
      const x = shared(0, 'x');
      await doit(() => x.set(1));
      x.get();
    },
  },
  {
    name: 'TestNoRaceSelect5',
    race: false,
    program: async () => {
      const test = async (sel: boolean, needSched: boolean): Promise<void> => {
        const x = shared(0, 'x');
        const ch = chan<boolean>();
        const c1 = chan<boolean>();
        const done = chan<boolean>(2);
        go(async () => {
          if (needSched) await yield_();
          x.set(1);
          if (sel) await select([{ send: ch, value: true }, { recv: c1 }]);
          else await ch.send(true);
          await done.send(true);
        });
        go(async () => {
          if (sel) await select([{ recv: ch }, { recv: c1 }]);
          else await ch.recv();
          x.set(1);
          await done.send(true);
        });
        await done.recv();
        await done.recv();
      };
      await test(true, true);
      await test(true, false);
      await test(false, true);
      await test(false, false);
    },
  },
  {
    name: 'TestRaceSelect1',
    race: true,
    program: async () => {
      const x = shared(0, 'x');
      const compl = chan<boolean>(2);
      const c = chan<boolean>();
      const c1 = chan<boolean>();
      go(async () => {
        await c.recv();
        await c.recv();
      });
      const f = async (): Promise<void> => {
        await select([
          { send: c, value: true },
          { send: c1, value: true },
        ]);
        x.set(1);
        await compl.send(true);
      };
      go(f);
      go(f);
      await compl.recv();
      await compl.recv();
    },
  },
  {
    name: 'TestRaceSelect2',
    race: true,
    program: async () => {
      const x = shared(0, 'x');
      const compl = chan<boolean>();
      const c = chan<boolean>();
      const c1 = chan<boolean>();
      go(async () => {
        x.set(1);
        await select([{ recv: c }, { recv: c1 }]);
        await compl.send(true);
      });
      c.close();
      x.set(2);
      await compl.recv();
    },
  },
  {
    name: 'TestRaceSelect3',
    race: true,
    program: async () => {
      const x = shared(0, 'x');
      const compl = chan<boolean>();
      const c = chan<boolean>();
      const c1 = chan<boolean>();
      go(async () => {
        x.set(1);
        await select([
          { send: c, value: true },
          { send: c1, value: true },
        ]);
        await compl.send(true);
      });
      x.set(2);
      await select([{ recv: c }]);
      await compl.recv();
    },
  },
  {
    name: 'TestRaceSelect4',
    race: true,
    program: async () => {
      const done = chan<boolean>(1);
      const x = shared(0, 'x');
      go(async () => {
        const r = await select([{ default: true }]);
        if (r.index === 0) x.set(2);
        await done.send(true);
      });
      x.get();
      await done.recv();
    },
  },
  {
    // Go's comment: the select should always take the unsynchronized variable, causing exactly
    // one race (it says the test may not achieve that; a race on x or y is what it checks).
    name: 'TestRaceSelect5',
    race: true,
    program: async () => {
      const done = chan<boolean>(1);
      const c1 = chan<boolean>(1);
      const c2 = chan<boolean>();
      const x = shared(0, 'x');
      const y = shared(0, 'y');
      go(async () => {
        const r = await select([
          { send: c1, value: true },
          { send: c2, value: true },
        ]);
        if (r.index === 0) x.set(1);
        else y.set(1);
        await done.send(true);
      });
      x.get();
      y.get();
      await done.recv();
    },
  },
];

raceConformance('select_test.go', cases);
