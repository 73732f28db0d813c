import type { Runtime } from './runtime.js';

/**
 * The run in flight in this JavaScript realm, if any. One exploration at a time per realm
 * (DESIGN.md "Cooperation with the host"): primitives find their runtime through this. It lives on
 * globalThis so that two copies of interleave loaded in one realm (an ESM and a CommonJS copy, say)
 * still agree on the run in flight.
 */
const KEY = Symbol.for('interleave.realm');
const holder = globalThis as unknown as Record<symbol, { rt: Runtime | null } | undefined>;
export const realm: { rt: Runtime | null } = (holder[KEY] ??= { rt: null });
