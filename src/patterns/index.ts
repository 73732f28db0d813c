/**
 * The seed's concurrency patterns as a typed, cancellable library built on interleave's primitives.
 * Every pattern takes a `Done` (a context, a done channel, or null) and leaves no task behind once
 * its work completes or `done` fires. See README.md for contracts, examples and invariants.
 */
export { doneOf, contextOf, type Done, type In } from './done.js';
export { produce, type Source } from './produce.js';
export { loop, forSelect, type StopReason } from './for-select.js';
export { or } from './or.js';
export { orDone } from './or-done.js';
export { ok, err, attempt, checkAll, type Result } from './result.js';
export { generator, map, filter, collect } from './pipeline.js';
export { repeat, repeatFn, take } from './repeat.js';
export { fanOut, merge } from './fan.js';
export { workerPool, type WorkerPoolOptions } from './worker-pool.js';
export { tee, teeN } from './tee.js';
export { bridge } from './bridge.js';
export { Semaphore, limit } from './semaphore.js';
export { group, type Group } from './group.js';
