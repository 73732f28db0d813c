/**
 * The core of the public API: the primitives, explore/replay and their types. `index.ts` is this plus
 * `patterns`; the patterns import this file, never `index.ts`, so nothing imports back up.
 */
// Installs the function that rewritten plain awaits call (transform/await-points.ts).
import './primitives/await-point.js';
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
export { Panic, Fatal, WaitReason } from './base/go-texts.js';
export { GoPanic, GoFatalError, InterleaveError } from './base/errors.js';
export { program, isProgram, type Program } from './explore/program.js';
export {
  explore,
  replay,
  type ExploreResult,
  type ExploredFinding,
  type ReplayResult,
} from './explore/explore.js';
export { type ExploreOptions, DEFAULTS } from './explore/options.js';
export {
  encodeReplay,
  decodeReplay,
  parseTrace,
  stringifyTrace,
  type Trace,
  type ReplayRecipe,
  type ProgramLocator,
} from './explore/trace.js';
export { RandomStrategy } from './strategies/random.js';
export { ReplayStrategy, ReplayDivergence, type RecordedChoice } from './strategies/replay.js';
export type { Strategy, ChoicePoint, Option, Footprint, StableId } from './strategies/strategy.js';
export type {
  IndexAddressable,
  ExhaustiveStrategy,
  ResumableStrategy,
  TreeSplittable,
  StepLogging,
} from './strategies/capabilities.js';
export { FindingKinds, type Finding, type FindingKind, type TaskSnapshot } from './checker/findings.js';
export { WaitGroup } from './primitives/waitgroup.js';
export { Mutex, type Locker } from './primitives/mutex.js';
export { RWMutex } from './primitives/rwmutex.js';
export { Once } from './primitives/once.js';
export { Cond } from './primitives/cond.js';
export { type NameOptions } from './primitives/name.js';
export * as atomic from './primitives/atomic.js';
export * as time from './primitives/time/index.js';
export * as context from './primitives/context/index.js';
export { external } from './primitives/external.js';
export { scheduled } from './primitives/scheduled.js';
export { spawn } from './primitives/spawn.js';
export { note } from './primitives/note.js';
export { ScriptedStrategy } from './strategies/scripted.js';
export { watchdog, dumpTasks, type WatchdogOptions } from './free/watchdog.js';
export { shared, Shared } from './primitives/shared.js';
export { track } from './primitives/track.js';
