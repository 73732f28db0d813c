import type { Runtime } from './runtime.js';

/**
 * The run in flight in this JavaScript realm, if any. One exploration at a time per realm
 * (DESIGN.md "Cooperation with the host"): primitives find their runtime through this. It lives on
 * globalThis so that two copies of interleave loaded in one realm (an ESM and a CommonJS copy, say)
 * still agree on the run in flight.
 */
interface Realm {
  rt: Runtime | null;
  /** Explorations holding the realm (0 or 1; a second waits its turn). */
  exploring: number;
  /** The run that ended last: between runs, code still executing belongs to it (late continuations). */
  last: Runtime | null;
  /** Explorations started so far: a run knows which one it belongs to. */
  exploration: number;
  /** The exploration that already warned about late continuations (one warning each). */
  warnedLate: number;
}

const KEY = Symbol.for('interleave.realm');
const holder = globalThis as unknown as Record<symbol, Realm | undefined>;
export const realm: Realm = (holder[KEY] ??= {
  rt: null,
  exploring: 0,
  last: null,
  exploration: 0,
  warnedLate: -1,
});
