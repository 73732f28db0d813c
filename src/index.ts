/**
 * interleave: Go's concurrency model in TypeScript, and a deterministic explorer of its schedules.
 * The public API: the core (core.ts) and the patterns built on it. Blocking operations return
 * promises and are switch points; the rest is synchronous.
 */
export * from './core.js';
export * as patterns from './patterns/index.js';
