/*
 * The runtime's public types in one place, for the layers above: the contract primitives hold
 * (contract.ts), and the shapes a run is configured with and ends with (run-options.ts). The
 * explorer's runtime is explorer-runtime.ts; free mode's is free/free.ts.
 */
export type { Owned, Run, Runtime } from './contract.js';
export type { Mode, RunOptions, RunOutcome } from './run-options.js';
export type { TimeJumps } from './clock.js';
