import type { Finding, TaskSnapshot } from '../checker/findings.js';
import type { LeakFilters } from './args.js';

/*
 * Leak filters, as goleak's IgnoreTopFunction / IgnoreAnyFunction: a leak is about tasks left
 * behind, and some are left on purpose (a process-wide closer, a ticker owned by a singleton).
 *
 *   --ignore-task GLOB          matches a task's name (`merge.closer`) or stable id (`main/merge.closer`)
 *   --ignore-top-function GLOB  matches a task's function name, or the file of the line that spawned it
 *                               (`src/pool.ts`: every task that file starts)
 *
 * A leak finding whose leaked tasks all match is dropped; one that leaves any unmatched task is
 * kept whole (it is still a leak). Only leak findings are filtered: a deadlock or panic is never
 * "expected". In globs `*` matches any run of characters and `?` one; anything else is literal.
 */

export function hasFilters(f: LeakFilters): boolean {
  return f.tasks.length > 0 || f.topFunctions.length > 0;
}

/** Whether the filters drop this finding. */
export function isIgnored(finding: Finding, f: LeakFilters): boolean {
  if (finding.kind !== 'leak' || !hasFilters(f) || finding.tasks.length === 0) return false;
  const byTask = f.tasks.map(glob);
  const byFunction = f.topFunctions.map(glob);
  return finding.tasks.every((t) => ignoredTask(t, byTask, byFunction));
}

function ignoredTask(t: TaskSnapshot, byTask: readonly RegExp[], byFunction: readonly RegExp[]): boolean {
  if (byTask.some((g) => g.test(t.name) || g.test(t.stableId))) return true;
  const spawnFile = t.spawnSite?.replace(/:\d+(?::\d+)?$/, '') ?? null;
  return byFunction.some((g) => g.test(t.name) || (spawnFile !== null && g.test(spawnFile)));
}

export function glob(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}
