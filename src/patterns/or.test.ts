import { describe, expect, it } from 'vitest';
import { chan, go, numTasks, select, settle, type Chan } from '../core.js';
import { OrChannel as seedOr } from '../../examples/seed/or-channel.js';
import { or } from './or.js';
import { expectClean } from './testing.js';

const SEED = 61;

/** Is `ch` closed (or has it a value) right now? */
async function isClosed(ch: Chan<unknown, unknown>): Promise<boolean> {
  const r = await select([{ recv: ch }, { default: true }]);
  return r.index === 0;
}

describe('patterns/or', () => {
  it(`should return null for no inputs (or only nil ones) and the input itself for one (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      expect(or()).toBeNull();
      expect(or(null, undefined)).toBeNull();
      const a = chan<void>();
      expect(or(a)).toBe(a);
      expect(or(null, a, null)).toBe(a);
    }, SEED);
  });

  for (const n of [2, 3, 4, 5, 7]) {
    for (let which = 0; which < n; which++) {
      it(`should close iff input ${which} of ${n} closes, and leave no helper task (200 runs, seed ${SEED})`, async () => {
        await expectClean(async () => {
          const inputs = Array.from({ length: n }, () => chan<void>());
          const before = numTasks();
          const o = or(...inputs, null)!;
          await settle();
          expect(await isClosed(o)).toBe(false); // no input closed: not closed
          go(() => inputs[which]!.close(), 'closer');
          expect(await o.recvOk()).toEqual([undefined, false]);
          await settle();
          expect(numTasks()).toBe(before); // the helper exited
        }, SEED);
      });
    }
  }

  it(`should also close when two inputs close at once (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      const inputs = Array.from({ length: 4 }, () => chan<void>());
      const o = or(...inputs)!;
      go(() => inputs[1]!.close());
      go(() => inputs[3]!.close());
      await o.recv();
    }, SEED);
  });

  it(`should agree with the seed's recursive OrChannel, which also leaves no task (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      for (let n = 2; n <= 7; n++) {
        const inputs = Array.from({ length: n }, () => chan<void>());
        const before = numTasks();
        const o = seedOr(...inputs)!;
        go(() => inputs[n - 1]!.close());
        await o.recv();
        await settle();
        expect(numTasks()).toBe(before);
      }
    }, SEED);
  });
});
