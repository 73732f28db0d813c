import type { Run } from './contract.js';
import { realmState, type Realm } from './realm-store.js';

/**
 * The run in flight in this JavaScript realm, if any. One exploration at a time per realm
 * (DESIGN.md "Cooperation with the host"): primitives find their runtime through this. Its state
 * lives on globalThis (realm-store.ts).
 */
export const realm: Realm<Run> = realmState<Run>();
