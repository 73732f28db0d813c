/**
 * Go's race-detector tests `src/runtime/race/testdata/time_test.go`, one case per Go test, in Go's
 * order (see helpers.ts). Each checks a timer edge of Go's runtime: arming a timer (AfterFunc,
 * NewTimer, NewTicker, Reset) happens before its firing, so the function it runs or the goroutine
 * that receives its value sees what was written before. `v := 0` is the creation of the shared cell.
 */
import { chan, go, shared, time } from '../../../src/index.js';
import { raceConformance, type RaceCase } from './helpers.js';

const cases: RaceCase[] = [
  {
    name: 'TestNoRaceAfterFunc',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>();
      const f = async (): Promise<void> => {
        v.set(1);
        await c.send(0);
      };
      v.set(2);
      time.afterFunc(1, f);
      await c.recv();
      v.set(3);
    },
  },
  {
    name: 'TestNoRaceAfterFuncReset',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>();
      const f = async (): Promise<void> => {
        v.set(1);
        await c.send(0);
      };
      const t = time.afterFunc(time.Hour, f);
      t.stop();
      v.set(2);
      t.reset(1);
      await c.recv();
      v.set(3);
    },
  },
  {
    name: 'TestNoRaceTimer',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>();
      const f = async (): Promise<void> => {
        v.set(1);
        await c.send(0);
      };
      v.set(2);
      const t = time.newTimer(1);
      go(async () => {
        await t.C!.recv();
        await f();
      });
      await c.recv();
      v.set(3);
    },
  },
  {
    // v = 2 comes after the go statement: only Reset happening before the firing orders it.
    name: 'TestNoRaceTimerReset',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>();
      const f = async (): Promise<void> => {
        v.set(1);
        await c.send(0);
      };
      const t = time.newTimer(time.Hour);
      go(async () => {
        await t.C!.recv();
        await f();
      });
      t.stop();
      v.set(2);
      t.reset(1);
      await c.recv();
      v.set(3);
    },
  },
  {
    name: 'TestNoRaceTicker',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>();
      const f = async (): Promise<void> => {
        v.set(1);
        await c.send(0);
      };
      v.set(2);
      const t = time.newTicker(1);
      go(async () => {
        await t.C.recv();
        await f();
      });
      await c.recv();
      v.set(3);
    },
  },
  {
    // v = 2 comes after the go statement: only Reset happening before the tick orders it.
    name: 'TestNoRaceTickerReset',
    race: false,
    program: async () => {
      const v = shared(0, 'v');
      const c = chan<number>();
      const f = async (): Promise<void> => {
        v.set(1);
        await c.send(0);
      };
      const t = time.newTicker(time.Hour);
      go(async () => {
        await t.C.recv();
        await f();
      });
      t.stop();
      v.set(2);
      t.reset(1);
      await c.recv();
      v.set(3);
    },
  },
];

raceConformance('time_test.go', cases);
