import type { ExplorerRuntime } from '../runtime/explorer-runtime.js';
import type { ExhaustiveStrategy } from '../strategies/capabilities.js';
import type { Strategy } from '../strategies/strategy.js';

/*
 * When an exhaustive search (dfs, dpor) may say `complete`. Its claim covers the schedules of
 * interleave operations only (docs/what-the-explorer-sees.md): a program whose behaviour also
 * depends on what the explorer does not see would be called complete while a race on plain state
 * went unexplored. So the claim is withheld as soon as any run did one of these:
 * - `compat`: followed a task through plain promises (compatibility mode): interleavings at plain
 *   awaits are not explored, and the code between them touches plain state;
 * - `external`: started external() work: its effects and the moment it settles are the outside
 *   world's (a scheduled() call too, which runs on it);
 * - `node-timers`: scheduled a Node timer (setTimeout and friends): its callback's order is explored,
 *   but what it does to plain variables is not, and dpor prunes as if it did nothing;
 * - `await-points`: took a switch point at a plain await (a rewritten program's): the orders around
 *   it are explored, but the code between two awaits works on plain state, which dpor takes for
 *   independent steps.
 */

/** Something a run did that the explorer does not see. */
export type BlindSpot = 'compat' | 'external' | 'node-timers' | 'await-points';

const BLIND_SPOT_WORDS: Record<BlindSpot, string> = {
  compat: 'plain awaits followed through promises (compatibility mode)',
  external: 'external() work',
  'node-timers': 'Node timer callbacks',
  'await-points': 'plain state touched between plain awaits that were switch points',
};

/** Adds to `blind` what the run `rt` did that the explorer does not see (compatibility mode aside: the caller knows it). */
export function noteBlindSpots(rt: ExplorerRuntime, blind: Set<BlindSpot>): void {
  if (rt.externalWork) blind.add('external');
  if (rt.hostTimersScheduled > 0) blind.add('node-timers');
  if (rt.awaitPointsTaken > 0) blind.add('await-points');
}

export interface Completeness {
  readonly complete: boolean;
  /** When complete: what was explored, in words (`every schedule of interleave operations (dfs)`). */
  readonly completeScope?: string;
  /**
   * When the search ran out of schedules but its claim is withheld: what the runs depended on that
   * the explorer does not see.
   */
  readonly incompleteReason?: string;
}

/**
 * The claim of a result (an ExploreResult, or parts merged) as plain data: `complete` always, the
 * other keys only when present (it crosses threads by structured clone, and prints as JSON).
 */
export function completenessOf(r: {
  readonly complete?: boolean;
  readonly completeScope?: string;
  readonly incompleteReason?: string;
}): Completeness {
  return {
    complete: r.complete === true,
    ...(r.completeScope !== undefined ? { completeScope: r.completeScope } : {}),
    ...(r.incompleteReason !== undefined ? { incompleteReason: r.incompleteReason } : {}),
  };
}

export function completeness(
  search: ExhaustiveStrategy & Strategy,
  blind: ReadonlySet<BlindSpot>,
): Completeness {
  if (!search.complete) return { complete: false };
  if (blind.size > 0) {
    const what = [...blind].sort().map((b) => BLIND_SPOT_WORDS[b]);
    return {
      complete: false,
      incompleteReason: `every schedule of interleave operations was explored, but the program also depends on what the explorer does not see: ${what.join(', ')}`,
    };
  }
  return { complete: true, completeScope: scopeOf(search) };
}

function scopeOf(s: Strategy): string {
  const bound = s.params.preemptionBound;
  const params = bound === undefined ? s.name : `${s.name}, preemption bound ${bound}`;
  const what =
    s.name === 'dpor'
      ? 'every schedule of interleave operations, up to the order of independent steps'
      : 'every schedule of interleave operations';
  return `${what} (${params})`;
}
