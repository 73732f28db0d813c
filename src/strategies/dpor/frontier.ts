import type { Branch, Done } from './branch.js';
import { InterleaveError } from '../../base/errors.js';
import type { ChoiceKind } from '../strategy.js';

/** A DPOR search's state between runs, as `DporStrategy.frontier()` saves it. */
export interface Saved {
  readonly preemptionBound: number | null;
  readonly maxUnfairSteps: number;
  readonly started: boolean;
  readonly complete: boolean;
  readonly sleepBlocked: number;
  readonly path: Branch[];
}

/** The versioned JSON (`{"dpor":1,...}`) that `readFrontier` reads back. */
export function writeFrontier(s: Saved): string {
  return JSON.stringify({
    dpor: 1,
    preemptionBound: s.preemptionBound,
    maxUnfairSteps: s.maxUnfairSteps,
    started: s.started,
    complete: s.complete,
    sleepBlocked: s.sleepBlocked,
    path: s.path.map((b) => ({
      kind: b.kind,
      options: b.options,
      step: b.step,
      chosen: b.chosen,
      backtrack: [...b.backtrack],
      done: [...b.done].map(([id, d]) => [id, d.objs, d.stays]),
      sleep: [...b.sleep],
      continuing: b.continuing,
      preemptionsBefore: b.preemptionsBefore,
    })),
  });
}

/**
 * The state saved in `frontier`, checked against the bound and `maxUnfairSteps` asked for (when
 * given): different ones are an error (a different search). A corrupt or foreign checkpoint (a dfs
 * one, say) throws `InterleaveError`.
 */
export function readFrontier(frontier: string, maxUnfairSteps?: number, preemptionBound?: number): Saved {
  const saved = parseFrontier(frontier);
  const bound = saved.preemptionBound ?? Number.POSITIVE_INFINITY;
  if (preemptionBound !== undefined && preemptionBound !== bound) {
    throw new InterleaveError(
      `dpor checkpoint: it was saved with preemptionBound ${saved.preemptionBound ?? 'none'}, not ` +
        `${preemptionBound}; a different bound is a different search (start a new one)`,
    );
  }
  if (maxUnfairSteps !== undefined && maxUnfairSteps !== saved.maxUnfairSteps) {
    throw new InterleaveError(
      `dpor checkpoint: it was saved with maxUnfairSteps ${saved.maxUnfairSteps}, not ${maxUnfairSteps}`,
    );
  }
  return saved;
}

const KINDS: readonly string[] = ['task', 'case', 'timer'];
const EXPECTED = 'expected the JSON written by DporStrategy.frontier() ({"dpor":1,...})';

function parseFrontier(text: string): Saved {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InterleaveError(`corrupt dpor checkpoint: not JSON; ${EXPECTED}`);
  }
  const r = raw as Record<string, unknown> | null;
  if (r === null || typeof r !== 'object' || Array.isArray(r)) {
    throw new InterleaveError(`not a dpor checkpoint: ${EXPECTED}`);
  }
  if ('dfs' in r) {
    throw new InterleaveError(
      `not a dpor checkpoint: it was written by a dfs exploration (resume it with DfsStrategy.resume); ${EXPECTED}`,
    );
  }
  if (r.dpor === undefined) throw new InterleaveError(`not a dpor checkpoint: ${EXPECTED}`);
  if (r.dpor !== 1) {
    throw new InterleaveError(
      `unsupported dpor checkpoint version ${JSON.stringify(r.dpor)}: this version reads version 1`,
    );
  }
  try {
    return parseSaved(r);
  } catch (e) {
    throw new InterleaveError(`corrupt dpor checkpoint (bad ${(e as Error).message}): ${EXPECTED}`);
  }
}

function parseSaved(r: Record<string, unknown>): Saved {
  const isInt = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
  const isStr = (x: unknown): x is string => typeof x === 'string';
  const isObjs = (x: unknown): x is number[] => Array.isArray(x) && x.every((n) => Number.isInteger(n));
  const bound = r.preemptionBound;
  if (!(bound === null || isInt(bound))) throw new Error('preemptionBound');
  if (!isInt(r.maxUnfairSteps)) throw new Error('maxUnfairSteps');
  if (typeof r.started !== 'boolean' || typeof r.complete !== 'boolean') throw new Error('started/complete');
  if (!isInt(r.sleepBlocked)) throw new Error('sleepBlocked');
  if (!Array.isArray(r.path)) throw new Error('path');
  const path = r.path.map((x: unknown): Branch => {
    const b = x as Record<string, unknown> | null;
    if (b === null || typeof b !== 'object') throw new Error('choice point');
    const options = b.options;
    if (!Array.isArray(options) || options.length === 0 || !options.every(isStr)) throw new Error('options');
    const offered = (o: unknown): o is string => isStr(o) && options.includes(o);
    if (!isStr(b.kind) || !KINDS.includes(b.kind)) throw new Error('kind');
    if (!isInt(b.step) || !offered(b.chosen) || !isInt(b.preemptionsBefore)) throw new Error('choice point');
    if (!(b.continuing === null || offered(b.continuing))) throw new Error('continuing');
    if (!Array.isArray(b.backtrack) || !b.backtrack.every(offered)) throw new Error('backtrack');
    if (!Array.isArray(b.done) || !Array.isArray(b.sleep)) throw new Error('done/sleep');
    const done = b.done.map((e: unknown): [string, Done] => {
      if (
        !Array.isArray(e) ||
        e.length !== 3 ||
        !offered(e[0]) ||
        !isObjs(e[1]) ||
        typeof e[2] !== 'boolean'
      ) {
        throw new Error('done');
      }
      return [e[0], { objs: e[1], stays: e[2] }];
    });
    const sleep = b.sleep.map((e: unknown): [string, readonly number[]] => {
      if (!Array.isArray(e) || e.length !== 2 || !isStr(e[0]) || !isObjs(e[1])) throw new Error('sleep');
      return [e[0], e[1]];
    });
    return {
      kind: b.kind as ChoiceKind,
      options,
      step: b.step,
      chosen: b.chosen,
      backtrack: new Set(b.backtrack),
      done: new Map(done),
      sleep: new Map(sleep),
      continuing: b.continuing,
      preemptionsBefore: b.preemptionsBefore,
    };
  });
  return {
    preemptionBound: bound,
    maxUnfairSteps: r.maxUnfairSteps,
    started: r.started,
    complete: r.complete,
    sleepBlocked: r.sleepBlocked,
    path,
  };
}
