/**
 * interleave: Go's concurrency model in TypeScript, and a deterministic explorer of its schedules.
 * The public API. Blocking operations return promises and are switch points; the rest is synchronous.
 */
export { chan, Chan } from './primitives/chan.js';
export { send, recv, recvOk, close, len, cap, range, type MaybeChan } from './primitives/nil.js';
export {
  select,
  type SelectCase,
  type SelectResult,
  type RecvCase,
  type SendCase,
  type DefaultCase,
} from './primitives/select.js';
export { go, yield_, settle, numTasks } from './primitives/go.js';
export { Panic, Fatal, WaitReason } from './primitives/go-texts.js';
export { GoPanic, GoFatalError, InterleaveError } from './scheduler/errors.js';
export { program, isProgram, type Program } from './scheduler/program.js';
export {
  explore,
  replay,
  type ExploreResult,
  type ExploredFinding,
  type ReplayResult,
} from './scheduler/explore.js';
export { type ExploreOptions, DEFAULTS } from './scheduler/options.js';
export {
  encodeReplay,
  decodeReplay,
  parseTrace,
  stringifyTrace,
  type Trace,
  type ReplayRecipe,
  type ProgramLocator,
} from './scheduler/trace.js';
export { RandomStrategy } from './scheduler/random.js';
export { ReplayStrategy, ReplayDivergence, type RecordedChoice } from './scheduler/replay.js';
export type { Strategy, ChoicePoint, Option, Footprint, StableId } from './scheduler/strategy.js';
export { FindingKinds, type Finding, type FindingKind, type TaskSnapshot } from './checker/findings.js';
export { WaitGroup } from './primitives/waitgroup.js';
export { Mutex, type Locker } from './primitives/mutex.js';
export { RWMutex } from './primitives/rwmutex.js';
export { Once } from './primitives/once.js';
export { Cond } from './primitives/cond.js';
export * as atomic from './primitives/atomic.js';
export * as time from './primitives/time/index.js';
export * as context from './primitives/context/index.js';
export { external } from './primitives/external.js';
export { note } from './primitives/note.js';
export { ScriptedStrategy } from './scheduler/scripted.js';
export { watchdog, dumpTasks, type WatchdogOptions } from './scheduler/free-watchdog.js';
export * as patterns from './patterns/index.js';
export { shared, Shared } from './primitives/shared.js';
export { track } from './primitives/track.js';
