import { cost, independent, type Branch } from './branch.js';
import type { StepRecord } from '../strategy.js';

/*
 * The race analysis of a finished run, for DporStrategy (whose comment describes the algorithm):
 * happens-before over the step log, the races it leaves, and the reversals they add to the backtrack
 * sets of the choice points on `path`. `bounded`: the search has a preemption bound.
 */

/**
 * Source-DPOR's rule (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014): for each step j and each
 * earlier step i of another task racing with it (dependent, not ordered through another step), let v be
 * the steps after i that do not happen after i, then j; unless the backtrack set before i already
 * holds one of v's initial tasks, add one (not asleep there, if it can). Adding j's own task, as
 * classic DPOR does, loses the reversal when that task is asleep before i. Only the first `limit`
 * steps count (a sleep-blocked run is redundant after that).
 */
export function addBacktracks(
  path: readonly Branch[],
  log: readonly StepRecord[],
  limit: number,
  bounded: boolean,
): void {
  const byStep = new Map<number, Branch>();
  for (const b of path) if (b.kind === 'task') byStep.set(b.step, b);
  const clocks = happensBefore(log, limit);
  const hb = (x: number, y: number): boolean => (clocks[y]!.get(log[x]!.task) ?? -1) >= x;
  const lastOf = new Map<number, number>();
  for (let j = 0; j < limit; j++) {
    const e = log[j]!;
    // Ordered before j regardless of its dependencies: program order and the step that woke it.
    const base = new Map<number, number>();
    const join = (c: Map<number, number> | undefined): void => {
      if (c) for (const [t, v] of c) if ((base.get(t) ?? -1) < v) base.set(t, v);
    };
    const prev = lastOf.get(e.task);
    if (prev !== undefined && e.task !== 0) join(clocks[prev]);
    if (e.enabler >= 0) join(clocks[e.enabler]);
    lastOf.set(e.task, j);
    for (let i = j - 1; i >= 0; i--) {
      const f = log[i]!;
      if (independent(f.objs, e.objs)) continue;
      // Every step racing with j (ordered before it only directly, not through another step).
      if (f.task !== e.task && (base.get(f.task) ?? -1) < i) {
        const b = byStep.get(i);
        if (b) reverse(path, b, log, i, j, hb, bounded);
      }
      join(clocks[i]);
    }
  }
}

/**
 * The run's last step ended it (a failure), disabling every task that could have moved instead
 * (see DporStrategy): it races with each of them, so they are explored there too.
 */
export function addFailureBacktracks(
  path: readonly Branch[],
  log: readonly StepRecord[],
  bounded: boolean,
): void {
  const last = log.length - 1;
  const b = path.find((p) => p.kind === 'task' && p.step === last);
  if (b === undefined) return;
  for (const o of b.options) {
    if (o === b.chosen) continue;
    b.backtrack.add(o);
    if (bounded) conservative(path, b, o, cost(b, o));
  }
}

/** Make the backtrack set before step i hold an initial of notdep(i).j. */
function reverse(
  path: readonly Branch[],
  b: Branch,
  log: readonly StepRecord[],
  i: number,
  j: number,
  hb: (x: number, y: number) => boolean,
  bounded: boolean,
): void {
  const v: number[] = [];
  for (let k = i + 1; k < j; k++) if (!hb(i, k)) v.push(k);
  v.push(j);
  const initials: string[] = [];
  const seen = new Set<number>();
  for (let n = 0; n < v.length; n++) {
    const k = v[n]!;
    const task = log[k]!.task;
    if (seen.has(task)) continue;
    seen.add(task);
    let first = true;
    for (let m = 0; m < n && first; m++) if (hb(v[m]!, k)) first = false;
    if (first) initials.push(log[k]!.option);
  }
  const offered = initials.filter((o) => b.options.includes(o));
  if (bounded) {
    // Bounded (DporStrategy's comment): every initial; and the same reversal at the latest earlier
    // switch, where it may cost fewer preemptions.
    const wanted = offered.length > 0 ? offered : b.options;
    for (const o of wanted) b.backtrack.add(o);
    conservative(path, b, log[j]!.option, Math.min(...wanted.map((o) => cost(b, o))));
    return;
  }
  if (offered.some((o) => b.backtrack.has(o))) return;
  if (offered.length === 0) {
    for (const o of b.options) b.backtrack.add(o);
    return;
  }
  b.backtrack.add(offered.find((o) => !b.sleep.has(o)) ?? offered[0]!);
}

/**
 * Bounded: a reversal wanted at `b` (at best `here` preemptions so far) is also added at the latest
 * earlier choice point where the run switched tasks, if it costs fewer preemptions there: the
 * racing step's own task `option` if offered there (as BPOR does), else every option.
 */
function conservative(path: readonly Branch[], b: Branch, option: string, here: number): void {
  for (let k = path.indexOf(b) - 1; k >= 0; k--) {
    const p = path[k]!;
    if (p.kind !== 'task' || p.chosen === p.continuing) continue;
    const options = p.options.includes(option) ? [option] : p.options;
    if (Math.min(...options.map((o) => cost(p, o))) >= here) return;
    for (const o of options) p.backtrack.add(o);
    return;
  }
}

/** Happens-before: vector clocks over program order, wake-ups and dependent steps. */
function happensBefore(log: readonly StepRecord[], limit: number): Map<number, number>[] {
  const clocks: Map<number, number>[] = [];
  const lastOf = new Map<number, number>();
  for (let j = 0; j < limit; j++) {
    const e = log[j]!;
    const c = new Map<number, number>();
    const join = (d: Map<number, number> | undefined): void => {
      if (d) for (const [t, v] of d) if ((c.get(t) ?? -1) < v) c.set(t, v);
    };
    const prev = lastOf.get(e.task);
    if (prev !== undefined && e.task !== 0) join(clocks[prev]);
    if (e.enabler >= 0) join(clocks[e.enabler]);
    for (let i = 0; i < j; i++) if (!independent(log[i]!.objs, e.objs)) join(clocks[i]);
    c.set(e.task, j);
    clocks[j] = c;
    lastOf.set(e.task, j);
  }
  return clocks;
}
