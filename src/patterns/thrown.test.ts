import { describe, expect, it } from 'vitest';
import { attempt } from './result.js';
import { group } from './group.js';

/*
 * The patterns turn whatever a function throws into an Error. A thrown value of any shape: one
 * with no prototype, a Proxy whose every trap throws, one whose toString throws.
 */
const hostileProxy = (): unknown =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('get trap');
      },
      getPrototypeOf() {
        throw new Error('proto trap');
      },
    },
  );
const shapes: [string, () => unknown][] = [
  ['a null-prototype object', (): unknown => Object.create(null)],
  ['a Proxy whose traps throw', hostileProxy],
  [
    'an object whose toString throws',
    () => ({
      toString() {
        throw new Error('no');
      },
    }),
  ],
];

describe('patterns and thrown values of any shape', () => {
  for (const [name, make] of shapes) {
    it(`should turn ${name} into an Error in attempt() and group()`, async () => {
      const r = await attempt(() => {
        throw make();
      });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toBeInstanceOf(Error);

      const g = group(null);
      g.go(() => {
        throw make();
      });
      const e = await g.wait();
      expect(e).toBeInstanceOf(Error);
    });
  }
});
