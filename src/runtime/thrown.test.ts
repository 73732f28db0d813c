import { describe, expect, it } from 'vitest';
import { chan, decodeReplay, explore, go, program, replay } from '../index.js';
import { describeThrown } from '../base/errors.js';

/** Values a task may throw that have no usable `toString`, or whose every read throws. */
const trap = (): never => {
  throw new Error('trap');
};
const shapes: Record<string, () => unknown> = {
  'a null-prototype object': (): unknown => Object.create(null),
  'a Proxy whose traps all throw': () =>
    new Proxy(
      {},
      { get: trap, getPrototypeOf: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap },
    ),
  'an object whose toString throws': () => ({ toString: trap }),
  'an Error whose name, message and stack getters throw': (): unknown =>
    Object.create(Error.prototype, { name: { get: trap }, message: { get: trap }, stack: { get: trap } }),
  'a Symbol': () => Symbol('s'),
};

describe('thrown values of any shape', () => {
  for (const [shape, make] of Object.entries(shapes)) {
    it(`should describe ${shape} without throwing`, () => {
      expect(typeof describeThrown(make())).toBe('string');
    });

    it(`should report ${shape} thrown by a task as that task's panic, with a replay string`, async () => {
      const p = program(async () => {
        const done = chan<void>();
        go(async () => {
          await done.send();
          throw make();
        }, 'thrower');
        await done.recv();
        await done.recv();
      });
      const r = await explore(p, { runs: 5, seed: 1 });
      expect(r.findings).toHaveLength(1);
      const f = r.findings[0]!;
      expect(f.kind).toBe('panic');
      expect(f.task).toBe(2);
      expect(f.summary).toContain('task 2 (thrower) panicked');
      expect(f.replay).toMatch(/^il1\./);
      const again = await replay(p, decodeReplay(f.replay));
      expect(again.finding?.kind).toBe('panic');
      expect(again.finding?.message).toBe(f.message);
    });
  }

  it('should name a null-prototype object as Node does, and keep an Error readable', () => {
    expect(describeThrown(Object.create(null))).toBe('[Object: null prototype]');
    expect(describeThrown(new TypeError('bad'))).toBe('TypeError: bad');
    expect(describeThrown(new Error('plain'))).toBe('plain');
    expect(describeThrown(42)).toBe('42');
  });
});
