import { InterleaveError } from './errors.js';
import type { ChoiceKind, ChoicePoint, RunInfo, StepRecord, Strategy } from './strategy.js';

/** A choice point on the current path. */
interface Branch {
  readonly kind: ChoiceKind;
  /** Stable ids of the options, in the order the runtime offered them. */
  readonly options: readonly string[];
  /** Index in the step log of the step this choice decides. */
  readonly step: number;
  chosen: string;
  /** Options that must be explored from here. */
  readonly backtrack: Set<string>;
  /** Options explored from here, with the footprint of the step each took. */
  readonly done: Map<string, readonly number[]>;
  /** Options asleep here: exploring them would only reorder independent steps. */
  readonly sleep: Map<string, readonly number[]>;
}

function independent(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) if (b.includes(x)) return false;
  return true;
}

/**
 * Exhaustive exploration with dynamic partial-order reduction (source sets: Abdulla et al., POPL
 * 2014, after Flanagan & Godefroid, POPL 2005) and sleep sets (Godefroid 1996): a stateless
 * depth-first search that explores, per equivalence class of executions (same order of dependent
 * steps), at least one member instead of all of them. After each run it finds races (a step and the
 * latest earlier step of another task that touched a common object, not already ordered by program
 * order or by a wake-up) and makes the choice point before the earlier step explore a reversal;
 * sleep sets skip options whose next step only commutes with what was explored. Two steps are dependent when they touch a common
 * object (all accesses count as writes: conservative, so sound). Select-case choices are explored
 * exhaustively.
 */
export class DporStrategy implements Strategy {
  readonly name = 'dpor';
  readonly params = {};
  readonly wantsStepLog = true;
  private path: Branch[] = [];
  private depth = 0;
  /** True once every equivalence class has been explored. */
  complete = false;
  /** Runs in which every option at some choice point was asleep (redundant; still counted). */
  sleepBlocked = 0;
  private blockedThisRun = false;

  beginRun(run: number): boolean {
    if (this.complete) return false;
    if (run > 0 && !this.advance()) {
      this.complete = true;
      return false;
    }
    this.depth = 0;
    this.blockedThisRun = false;
    return true;
  }

  constructor(private readonly maxUnfairSteps = 1_000) {}

  choose(point: ChoicePoint): number {
    const options = point.options;
    // The fairness rule (as in dfs.ts): past maxUnfairSteps, a round-robin tail without branches.
    if (point.step >= this.maxUnfairSteps) return point.step % options.length;
    const d = this.depth++;
    const existing = this.path[d];
    if (existing !== undefined) {
      const i = options.findIndex((o) => o.stableId === existing.chosen);
      if (i < 0 || options.length !== existing.options.length) {
        throw new InterleaveError(
          `dpor: choice point ${d + 1} no longer offers what an earlier run of the same path did: the ` +
            `program is nondeterministic (it depends on something outside the schedule)`,
        );
      }
      return i;
    }
    const ids = options.map((o) => o.stableId);
    const sleep = point.kind === 'task' ? this.inheritedSleep(point) : new Map<string, readonly number[]>();
    let pick = -1;
    if (point.kind === 'task') {
      const continuing = options.findIndex((o) => o.task === point.last);
      if (continuing >= 0 && !sleep.has(ids[continuing]!)) pick = continuing;
      if (pick < 0) pick = ids.findIndex((id) => !sleep.has(id));
      if (pick < 0) {
        pick = 0;
        if (!this.blockedThisRun) this.sleepBlocked++;
        this.blockedThisRun = true;
      }
    } else {
      pick = 0;
    }
    const branch: Branch = {
      kind: point.kind,
      options: ids,
      step: point.step,
      chosen: ids[pick]!,
      backtrack: new Set(point.kind === 'task' ? [ids[pick]!] : ids),
      done: new Map(),
      sleep,
    };
    this.path.push(branch);
    return pick;
  }

  /**
   * The sleep set of a new task choice point: what slept at the previous one (or was explored
   * there before the option taken), minus what the steps since then did not commute with.
   */
  private inheritedSleep(point: ChoicePoint): Map<string, readonly number[]> {
    const out = new Map<string, readonly number[]>();
    let parent: Branch | undefined;
    for (let k = this.path.length - 1; k >= 0; k--) {
      if (this.path[k]!.kind === 'task') {
        parent = this.path[k];
        break;
      }
    }
    const log = point.log;
    if (parent === undefined || log === null) return out;
    const candidates = new Map(parent.sleep);
    for (const [id, fp] of parent.done) if (id !== parent.chosen) candidates.set(id, fp);
    for (const [id, fp] of candidates) {
      let keep = true;
      for (let s = parent.step; s < point.step && keep; s++) keep = independent(fp, log[s]!.objs);
      if (keep) out.set(id, fp);
    }
    return out;
  }

  endRun(info: RunInfo): void {
    const log = info.log;
    this.path.length = Math.min(this.path.length, this.depth);
    if (!log) return;
    for (const b of this.path) if (b.kind === 'task') b.done.set(b.chosen, log[b.step]?.objs ?? []);
    this.addBacktracks(log);
  }

  /**
   * Source-DPOR's rule (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014): for each step j and each
   * earlier step i of another task racing with it (dependent, not ordered through another step), let v be
   * the steps after i that do not happen after i, then j; unless the backtrack set before i already
   * holds one of v's initial tasks, add one (not asleep there, if it can). Adding j's own task, as
   * classic DPOR does, loses the reversal when that task is asleep before i.
   */
  private addBacktracks(log: readonly StepRecord[]): void {
    const byStep = new Map<number, Branch>();
    for (const b of this.path) if (b.kind === 'task') byStep.set(b.step, b);
    const clocks = this.clocks(log);
    const hb = (x: number, y: number): boolean => (clocks[y]!.get(log[x]!.task) ?? -1) >= x;
    const lastOf = new Map<number, number>();
    for (let j = 0; j < log.length; j++) {
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
          if (b) this.reverse(b, log, i, j, hb);
        }
        join(clocks[i]);
      }
    }
  }

  /** Make the backtrack set before step i hold an initial of notdep(i).j. */
  private reverse(
    b: Branch,
    log: readonly StepRecord[],
    i: number,
    j: number,
    hb: (x: number, y: number) => boolean,
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
    if (offered.some((o) => b.backtrack.has(o))) return;
    if (offered.length === 0) {
      for (const o of b.options) b.backtrack.add(o);
      return;
    }
    b.backtrack.add(offered.find((o) => !b.sleep.has(o)) ?? offered[0]!);
  }

  /** Happens-before: vector clocks over program order, wake-ups and dependent steps. */
  private clocks(log: readonly StepRecord[]): Map<number, number>[] {
    const clocks: Map<number, number>[] = [];
    const lastOf = new Map<number, number>();
    for (let j = 0; j < log.length; j++) {
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

  /** Move to the next unexplored schedule; false when there is none. */
  private advance(): boolean {
    while (this.path.length > 0) {
      const b = this.path[this.path.length - 1]!;
      if (!b.done.has(b.chosen)) b.done.set(b.chosen, []);
      for (const o of b.backtrack) {
        if (b.done.has(o) || b.sleep.has(o)) continue;
        b.chosen = o;
        return true;
      }
      this.path.pop();
    }
    return false;
  }
}
