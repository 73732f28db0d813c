/*
 * Where the realm's state lives (realm.ts types it with the runtime contract): on globalThis, so that
 * two copies of interleave loaded in one realm (an ESM and a CommonJS copy, say) still agree on the
 * run in flight. A leaf module: what sits below the contract (the recorder) reads it from here.
 */

/** The run in flight in this JavaScript realm, and what an exploration keeps between runs. */
export interface Realm<R extends object> {
  rt: R | null;
  /** Explorations holding the realm (0 or 1; a second waits its turn). */
  exploring: number;
  /** The run that ended last: between runs, code still executing belongs to it (late continuations). */
  last: R | null;
  /** Explorations started so far: a run knows which one it belongs to. */
  exploration: number;
  /** The exploration that already warned about late continuations (one warning each). */
  warnedLate: number;
}

const KEY = Symbol.for('interleave.realm');
const holder = globalThis as unknown as Record<symbol, Realm<object> | undefined>;

/** The realm's one state object, seen as holding runs of type `R`. */
export function realmState<R extends object>(): Realm<R> {
  return (holder[KEY] ??= {
    rt: null,
    exploring: 0,
    last: null,
    exploration: 0,
    warnedLate: -1,
  }) as Realm<R>;
}

/** The realm as code below the runtime contract sees it: runs are opaque objects. */
export const realm: Realm<object> = realmState<object>();
