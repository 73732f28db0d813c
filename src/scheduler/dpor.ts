import { InterleaveError } from './errors.js';
import type { ChoiceKind, ChoicePoint, RunInfo, StepRecord, Strategy } from './strategy.js';

/** An option explored at a choice point: its step's footprint, and whether its task could continue. */
interface Done {
  readonly objs: readonly number[];
  /** The task was still runnable after the step (unknown, or a timer: true, conservatively). */
  readonly stays: boolean;
}

/** A choice point on the current path. */
interface Branch {
  readonly kind: ChoiceKind;
  /** Stable ids of the options, in the order the runtime offered them. */
  readonly options: readonly string[];
  /** Index in the step log of the step this choice decides. */
  readonly step: number;
  chosen: string;
  /** Options that must be explored from here (insertion order is the order they are tried in). */
  readonly backtrack: Set<string>;
  /** Options explored from here, with the step each took. */
  readonly done: Map<string, Done>;
  /** Options asleep here: exploring them would only reorder independent steps. */
  readonly sleep: Map<string, readonly number[]>;
  /** The option that continues the previous step's task (taking another is a preemption), or null. */
  readonly continuing: string | null;
  /** Preemptions on the path before this choice point. */
  readonly preemptionsBefore: number;
}

function independent(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) if (b.includes(x)) return false;
  return true;
}

/** Taking `option` at `b` is a preemption: a switch away from a task that could continue. */
function preempts(b: Branch, option: string): boolean {
  return b.continuing !== null && option !== b.continuing;
}

/** Preemptions on the path up to and including taking `option` at `b`. */
function cost(b: Branch, option: string): number {
  return b.preemptionsBefore + (preempts(b, option) ? 1 : 0);
}

/**
 * Exhaustive exploration with dynamic partial-order reduction (source sets: Abdulla et al., POPL
 * 2014, after Flanagan & Godefroid, POPL 2005) and sleep sets (Godefroid 1996): a stateless
 * depth-first search that explores, per equivalence class of executions (same order of dependent
 * steps), at least one member instead of all of them. After each run it finds races (a step and the
 * latest earlier step of another task that touched a common object, not already ordered by program
 * order or by a wake-up) and makes the choice point before the earlier step explore a reversal;
 * sleep sets skip options whose next step only commutes with what was explored. Two steps are
 * dependent when they touch a common object (all accesses count as writes: conservative, so sound).
 * Select-case choices are explored exhaustively.
 *
 * Two refinements of the textbook algorithm, both about runs that stop early:
 *  - A run that reaches a point where every option is asleep, or where the only runnable task is
 *    asleep (a step the runtime takes without asking), is redundant from there on ("sleep-blocked").
 *    As in the algorithm, whose exploration stops there, its later steps are not analysed for
 *    races, so no further redundant runs grow out of it.
 *  - A run that ends at a failure (a panic, say) disabled every task that could have moved instead
 *    of its last step: that step races with each of them, so they are explored there too.
 *    Otherwise a reversal that relies on some task stepping in later is lost whenever the run stops
 *    first (a send that panics on a closed channel).
 *
 * With `preemptionBound` b, only schedules with at most b preemptions (as dfs.ts counts them: a
 * switch away from a task that could continue) are explored, and `complete` means that every
 * equivalence class with a member within the bound was explored. Pruning the reversals that would
 * exceed the bound is not enough (Coons, Musuvathi, McKinley, "Bounded partial-order reduction",
 * OOPSLA 2013): the number of preemptions is not the same for all members of a class, so a class
 * whose reversal at step i needs one preemption too many may have a member that switches earlier,
 * where the schedule switches tasks anyway. Bounded, three things change; each one is needed
 * (without it, differential tests against bounded DFS, which enumerates every schedule within the
 * bound, found random programs with classes lost), and together they agreed with it on every
 * program tried (a few thousand small ones, bounds 0 to 3), though this is checked, not proven:
 *  - Conservative points (BPOR's, as in dejafu): a reversal wanted before step i is also added at
 *    the latest earlier choice point where the run switched tasks, if it costs fewer preemptions
 *    there than at i: the racing step's own task if offered there, else every option. Adding it
 *    only when the reversal at i exceeds the bound is not enough.
 *  - Every initial of the reversal is added, not one: source sets rely on one initial's subtree
 *    reaching the reversal, which bounded, it may not (from that initial the reversal may need a
 *    preemption more than from another).
 *  - Sleep sets only trust what fits the bound. An option o explored at a point y and asleep at a
 *    later point x stands for the schedules E = ...w·o·R (w: the steps from y to x); their
 *    equivalents E' = ...o·w·R were explored from y, but only those within the bound. Comparing
 *    the switches of E and E' (w's own and R's are the same), E' has at most E's preemptions plus
 *    [o preempts at y] − [w's first step preempts at y] + [o's task can continue after o] (the
 *    worst case being that R starts with o's task). So o sleeps below y only when that is ≤ 0
 *    (always, unbounded).
 *
 * The search can be saved with `frontier()` and continued with `DporStrategy.resume(...)`.
 */
export class DporStrategy implements Strategy {
  readonly name = 'dpor';
  readonly params: Readonly<Record<string, number>>;
  readonly wantsStepLog = true;
  private path: Branch[] = [];
  private depth = 0;
  private preemptions = 0;
  /** True once every equivalence class (within the bound) has been explored. */
  complete = false;
  /** Runs that became redundant at some point, every option there asleep (still counted as runs). */
  sleepBlocked = 0;
  /** The step at which this run became sleep-blocked, or -1. */
  private blockedAt = -1;
  /** The search has begun at least one run (resumed, it moves past the saved path first). */
  private started = false;
  /** The run last begun, and the path's length then (see beginRun). */
  private begun = -1;
  private pathAtBegin = 0;
  /** Resumed from a checkpoint: the first run moves past the saved path. */
  private resumePending = false;

  /**
   * `maxUnfairSteps`: past it, a round-robin tail without branches (the fairness rule). With
   * `preemptionBound` (a non-negative integer), only schedules with at most that many preemptions.
   */
  constructor(
    private readonly maxUnfairSteps = 1_000,
    private readonly preemptionBound = Number.POSITIVE_INFINITY,
  ) {
    if (!(
      preemptionBound === Number.POSITIVE_INFINITY ||
      (Number.isInteger(preemptionBound) && preemptionBound >= 0)
    )) {
      throw new InterleaveError(
        `dpor: preemptionBound must be a non-negative integer, got ${preemptionBound}`,
      );
    }
    this.params = this.bounded ? { preemptionBound } : {};
  }

  private get bounded(): boolean {
    return Number.isFinite(this.preemptionBound);
  }

  beginRun(run: number): boolean {
    if (this.complete) return false;
    if (run === this.begun) {
      // The same run again (explore() repeats a run that turned out to need compatibility mode):
      // forget what the first attempt appended, and follow the same path.
      this.path.length = this.pathAtBegin;
      if (this.blockedAt >= 0) this.sleepBlocked--;
    } else if (run > 0 || this.resumePending) {
      this.resumePending = false;
      if (!this.advance()) {
        this.complete = true;
        return false;
      }
    }
    this.begun = run;
    this.pathAtBegin = this.path.length;
    this.started = true;
    this.depth = 0;
    this.preemptions = 0;
    this.blockedAt = -1;
    return true;
  }

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
      if (preempts(existing, existing.chosen)) this.preemptions++;
      return i;
    }
    const ids = options.map((o) => o.stableId);
    const c = point.kind === 'task' ? options.findIndex((o) => o.task === point.last) : -1;
    const sleep = point.kind === 'task' ? this.inheritedSleep(point) : new Map<string, readonly number[]>();
    let pick = -1;
    if (point.kind === 'task') {
      // The task that can continue first (no preemption), else the first one awake; within the bound.
      if (c >= 0 && !sleep.has(ids[c]!)) pick = c;
      if (pick < 0 && (c < 0 || this.preemptions < this.preemptionBound))
        pick = ids.findIndex((id) => !sleep.has(id));
      if (pick < 0) {
        pick = c >= 0 ? c : 0;
        this.block(point.step);
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
      continuing: c >= 0 ? ids[c]! : null,
      preemptionsBefore: this.preemptions,
    };
    if (preempts(branch, branch.chosen)) this.preemptions++;
    this.path.push(branch);
    return pick;
  }

  private block(step: number): void {
    if (this.blockedAt >= 0) return;
    this.blockedAt = step;
    this.sleepBlocked++;
  }

  /**
   * The sleep set of a new task choice point: what slept at the previous one (or was explored
   * there before the option taken), minus what the steps since then did not commute with.
   */
  private inheritedSleep(point: ChoicePoint): Map<string, readonly number[]> {
    const parent = this.lastTaskBranch();
    const log = point.log;
    if (parent === undefined || log === null) return new Map();
    return this.carrySleep(parent, point.step, log);
  }

  private lastTaskBranch(): Branch | undefined {
    for (let k = this.path.length - 1; k >= 0; k--) if (this.path[k]!.kind === 'task') return this.path[k];
    return undefined;
  }

  /**
   * The options asleep after the steps from `parent`'s up to `until` (exclusive). A step taken by an
   * option still asleep (the runtime takes a step without asking when one task alone can move)
   * makes the run sleep-blocked there.
   */
  private carrySleep(
    parent: Branch,
    until: number,
    log: readonly StepRecord[],
  ): Map<string, readonly number[]> {
    const out = new Map<string, readonly number[]>(parent.sleep);
    for (const [id, d] of parent.done)
      if (id !== parent.chosen && this.sleeps(parent, id, d)) out.set(id, d.objs);
    for (let s = parent.step; s < until && s < log.length && out.size > 0; s++) {
      const r = log[s]!;
      if (s > parent.step && out.has(r.option)) this.block(s);
      for (const [id, fp] of out) if (!independent(fp, r.objs)) out.delete(id);
    }
    return out;
  }

  /** Whether `id`, explored at `b` before the option taken now, sleeps below it (class comment). */
  private sleeps(b: Branch, id: string, d: Done): boolean {
    if (!this.bounded) return true;
    return (preempts(b, id) ? 1 : 0) + (d.stays ? 1 : 0) <= (preempts(b, b.chosen) ? 1 : 0);
  }

  /** What taking `b.chosen` did in this run: its step's footprint, and whether its task could continue. */
  private explored(b: Branch, log: readonly StepRecord[], failed: boolean): Done {
    const r = log[b.step];
    if (r === undefined) return { objs: [], stays: true };
    if (r.task === 0) return { objs: r.objs, stays: true };
    for (let k = b.step + 1; k < log.length; k++) {
      // Its next step: it stayed runnable unless something had to wake it.
      if (log[k]!.task === r.task) return { objs: r.objs, stays: log[k]!.enabler < 0 };
    }
    // It never moved again: runnable but abandoned (still offered later), finished or blocked for
    // good; unknown when the run stopped at a failure.
    for (const p of this.path)
      if (p.step > b.step && p.options.includes(r.option)) return { objs: r.objs, stays: true };
    return { objs: r.objs, stays: failed };
  }

  endRun(info: RunInfo): void {
    const log = info.log;
    this.path.length = Math.min(this.path.length, this.depth);
    if (!log) return;
    for (const b of this.path)
      if (b.kind === 'task') b.done.set(b.chosen, this.explored(b, log, info.failed));
    // Steps after the last choice point: one taken by a sleeping task blocks the run too.
    const last = this.lastTaskBranch();
    if (last !== undefined && this.blockedAt < 0) this.carrySleep(last, log.length, log);
    this.addBacktracks(log, this.blockedAt < 0 ? log.length : this.blockedAt);
    if (info.failed && this.blockedAt < 0) this.runEnded(log);
  }

  /** The run's last step ended it, disabling every task that could have moved instead (see above). */
  private runEnded(log: readonly StepRecord[]): void {
    const last = log.length - 1;
    const b = this.path.find((p) => p.kind === 'task' && p.step === last);
    if (b === undefined) return;
    for (const o of b.options) {
      if (o === b.chosen) continue;
      b.backtrack.add(o);
      if (this.bounded) this.conservative(b, o, cost(b, o));
    }
  }

  /**
   * Source-DPOR's rule (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014): for each step j and each
   * earlier step i of another task racing with it (dependent, not ordered through another step), let v be
   * the steps after i that do not happen after i, then j; unless the backtrack set before i already
   * holds one of v's initial tasks, add one (not asleep there, if it can). Adding j's own task, as
   * classic DPOR does, loses the reversal when that task is asleep before i. Only the first `limit`
   * steps count (a sleep-blocked run is redundant after that).
   */
  private addBacktracks(log: readonly StepRecord[], limit: number): void {
    const byStep = new Map<number, Branch>();
    for (const b of this.path) if (b.kind === 'task') byStep.set(b.step, b);
    const clocks = this.clocks(log, limit);
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
    if (this.bounded) {
      // Bounded (class comment): every initial; and the same reversal at the latest earlier switch,
      // where it may cost fewer preemptions.
      const wanted = offered.length > 0 ? offered : b.options;
      for (const o of wanted) b.backtrack.add(o);
      this.conservative(b, log[j]!.option, Math.min(...wanted.map((o) => cost(b, o))));
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
  private conservative(b: Branch, option: string, here: number): void {
    for (let k = this.path.indexOf(b) - 1; k >= 0; k--) {
      const p = this.path[k]!;
      if (p.kind !== 'task' || p.chosen === p.continuing) continue;
      const options = p.options.includes(option) ? [option] : p.options;
      if (Math.min(...options.map((o) => cost(p, o))) >= here) return;
      for (const o of options) p.backtrack.add(o);
      return;
    }
  }

  /** Happens-before: vector clocks over program order, wake-ups and dependent steps. */
  private clocks(log: readonly StepRecord[], limit: number): Map<number, number>[] {
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

  /** Taking `o` at `b` would exceed the preemption bound. */
  private overBound(b: Branch, o: string): boolean {
    return cost(b, o) > this.preemptionBound;
  }

  /** Move to the next unexplored schedule (within the bound); false when there is none. */
  private advance(): boolean {
    while (this.path.length > 0) {
      const b = this.path[this.path.length - 1]!;
      if (!b.done.has(b.chosen)) b.done.set(b.chosen, { objs: [], stays: true });
      for (const o of b.backtrack) {
        if (b.done.has(o) || b.sleep.has(o) || this.overBound(b, o)) continue;
        b.chosen = o;
        return true;
      }
      this.path.pop();
    }
    return false;
  }

  /**
   * Everything needed to continue the search later (`DporStrategy.resume`): the current path with
   * each choice point's backtrack, done and sleep sets, the counters and the bound, as versioned
   * JSON (`{"dpor":1,...}`). Saved after a run, it names that run as the last explored.
   */
  frontier(): string {
    return JSON.stringify({
      dpor: 1,
      preemptionBound: this.bounded ? this.preemptionBound : null,
      maxUnfairSteps: this.maxUnfairSteps,
      started: this.started,
      complete: this.complete,
      sleepBlocked: this.sleepBlocked,
      path: this.path.map((b) => ({
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
   * Continue a search saved with `frontier()`: the first run moves past the saved path, and the
   * runs that follow are the very ones the uninterrupted search would have made. The bound and
   * `maxUnfairSteps` default to the saved ones; different ones are an error (a different search).
   * A corrupt or foreign checkpoint (a dfs one, say) throws `InterleaveError`.
   */
  static resume(frontier: string, maxUnfairSteps?: number, preemptionBound?: number): DporStrategy {
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
    const s = new DporStrategy(saved.maxUnfairSteps, bound);
    s.path = saved.path;
    s.started = saved.started;
    s.resumePending = saved.started;
    s.complete = saved.complete;
    s.sleepBlocked = saved.sleepBlocked;
    return s;
  }
}

interface Saved {
  readonly preemptionBound: number | null;
  readonly maxUnfairSteps: number;
  readonly started: boolean;
  readonly complete: boolean;
  readonly sleepBlocked: number;
  readonly path: Branch[];
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
