import type { Part } from './part.js';
import type { Strategy } from './strategy.js';

/**
 * What some strategies can do beyond the `Strategy` interface, each capability an interface of its
 * own with one type guard. The explorer and the CLI ask the guard, never the members.
 *
 * Each guard recognizes its capability by the member the capability requires (a number
 * `calibration`, a boolean `complete`, a `splitTree` or `frontier` method, `wantsStepLog: true`),
 * not by a separate brand: strategies are often plain objects written by users (or wrappers around
 * a built-in one, delegating `complete`), and TypeScript is structural, so an object that has the
 * member has the capability, as it always had.
 */

/**
 * Runs addressable by index: run r ≥ `calibration` depends only on the seed, r and runs
 * 0 … calibration−1 (0: on nothing else). Such an exploration splits into parts by run index
 * (worker threads, CI shards), each part replaying the calibration runs first, and the parts
 * together run the very schedules of one uninterrupted exploration. Without this capability each
 * run depends on all earlier ones (a depth-first search), and the exploration does not split by
 * index. random, pct, portfolio.
 */
export interface IndexAddressable extends Strategy {
  readonly calibration: number;
}

export function isIndexAddressable(s: Strategy): s is IndexAddressable {
  return typeof (s as Partial<IndexAddressable>).calibration === 'number';
}

/** An exhaustive search (dfs, dpor): it knows whether every schedule within its bounds was explored. */
export interface ExhaustiveStrategy extends Strategy {
  readonly complete: boolean;
  /** dpor: runs in which every option at some choice point was asleep (redundant). */
  readonly sleepBlocked?: number;
}

export function isExhaustive(s: Strategy): s is ExhaustiveStrategy {
  return typeof (s as Partial<ExhaustiveStrategy>).complete === 'boolean';
}

/** An exhaustive search that can say where it stands, to be resumed later (`check --checkpoint`). */
export interface ResumableStrategy extends ExhaustiveStrategy {
  /** The search's position, which the strategy's `resume` continues from. */
  frontier(): string;
}

export function isResumable(s: Strategy): s is ResumableStrategy {
  return isExhaustive(s) && typeof (s as Partial<ResumableStrategy>).frontier === 'function';
}

/**
 * A search that splits by subtree rather than by run index (dfs): a part explores only its share
 * of the subtrees that the first run's path roots (explore's `part`).
 */
export interface TreeSplittable extends Strategy {
  /** From now on, explore only this part's subtrees. */
  splitTree(part: Part): void;
  /** The subtree the current run is in (-1: the first run's path). */
  readonly subtree: number;
}

export function isTreeSplittable(s: Strategy): s is TreeSplittable {
  return typeof (s as Partial<TreeSplittable>).splitTree === 'function';
}

/**
 * A strategy that needs each run's steps logged, with their footprints (partial-order reduction:
 * dpor): the runtime then fills `ChoicePoint.log` and `RunInfo.log`.
 */
export interface StepLogging extends Strategy {
  readonly wantsStepLog: true;
}

export function logsSteps(s: Strategy): s is StepLogging {
  return s.wantsStepLog === true;
}
