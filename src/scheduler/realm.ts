import type { Runtime } from './runtime.js';

/**
 * The run in flight in this JavaScript realm, if any. One exploration at a time per realm
 * (DESIGN.md "Cooperation with the host"): primitives find their runtime through this.
 */
export const realm: { rt: Runtime | null } = { rt: null };
