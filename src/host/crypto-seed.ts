import type { Rng } from '../base/rng.js';
import { realm } from '../runtime/realm.js';

let warnedIn = -1;

/**
 * Under a run, `crypto.randomUUID()` and `crypto.getRandomValues()` draw from the run's seeded
 * generator instead: a run's values must be the same when its schedule is replayed, or a failing
 * trace could not be reproduced. Their use is flagged once per exploration, since outside the
 * explorer they are random again. `rng` gives the run in flight's generator (null between runs:
 * the host's own values). Returns the function that restores them.
 */
export function seedCrypto(rng: () => Rng | null): () => void {
  type Crypto = { randomUUID(): string; getRandomValues<T>(array: T): T };
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c === undefined) return () => {};
  const realUUID = c.randomUUID.bind(c);
  const realValues = c.getRandomValues.bind(c);
  const flag = (what: string): void => {
    if (warnedIn === realm.exploration) return;
    warnedIn = realm.exploration;
    process.emitWarning(
      `${what} was called under a run: interleave seeds it per run, so a failing schedule replays with ` +
        `the same values (outside the explorer it is random again)`,
      'InterleaveWarning',
    );
  };
  const own = Object.getOwnPropertyDescriptors(c);
  Object.defineProperty(c, 'getRandomValues', {
    configurable: true,
    writable: true,
    value: <T extends ArrayBufferView | null>(array: T): T => {
      const r = rng();
      if (r === null) return realValues(array);
      flag('crypto.getRandomValues()');
      if (array) {
        const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
        for (let i = 0; i < bytes.length; i++) bytes[i] = r.nextUint32() & 0xff;
      }
      return array;
    },
  });
  Object.defineProperty(c, 'randomUUID', {
    configurable: true,
    writable: true,
    value: (): string => {
      const r = rng();
      if (r === null) return realUUID();
      flag('crypto.randomUUID()');
      const b = new Uint8Array(16);
      for (let i = 0; i < 16; i++) b[i] = r.nextUint32() & 0xff;
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  });
  return () => {
    for (const k of ['getRandomValues', 'randomUUID'] as const) {
      if (own[k]) Object.defineProperty(c, k, own[k]);
      else delete (c as unknown as Record<string, unknown>)[k];
    }
  };
}
