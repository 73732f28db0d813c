import { cost, independent, preempts, type Branch, type Done } from './branch.js';
import { readFrontier, writeFrontier } from './frontier.js';
import { addBacktracks, addFailureBacktracks } from './races.js';
import { InterleaveError } from '../../base/errors.js';
import type { ResumableStrategy, StepLogging } from '../capabilities.js';
import type { ChoicePoint, RunInfo, StepRecord } from '../strategy.js';

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
export class DporStrategy implements ResumableStrategy, StepLogging {
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
    addBacktracks(this.path, log, this.blockedAt < 0 ? log.length : this.blockedAt, this.bounded);
    if (info.failed && this.blockedAt < 0) addFailureBacktracks(this.path, log, this.bounded);
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
    return writeFrontier({
      preemptionBound: this.bounded ? this.preemptionBound : null,
      maxUnfairSteps: this.maxUnfairSteps,
      started: this.started,
      complete: this.complete,
      sleepBlocked: this.sleepBlocked,
      path: this.path,
    });
  }

  /**
   * Continue a search saved with `frontier()`: the first run moves past the saved path, and the
   * runs that follow are the very ones the uninterrupted search would have made. The bound and
   * `maxUnfairSteps` default to the saved ones; different ones are an error (a different search).
   * A corrupt or foreign checkpoint (a dfs one, say) throws `InterleaveError`.
   */
  static resume(frontier: string, maxUnfairSteps?: number, preemptionBound?: number): DporStrategy {
    const saved = readFrontier(frontier, maxUnfairSteps, preemptionBound);
    const s = new DporStrategy(saved.maxUnfairSteps, saved.preemptionBound ?? Number.POSITIVE_INFINITY);
    s.path = saved.path;
    s.started = saved.started;
    s.resumePending = saved.started;
    s.complete = saved.complete;
    s.sleepBlocked = saved.sleepBlocked;
    return s;
  }
}
