import { InterleaveError } from '../base/errors.js';
import type { Part } from './part.js';
import type { ResumableStrategy, TreeSplittable } from './capabilities.js';
import type { ChoicePoint, RunInfo } from './strategy.js';

/** One choice point of the current path: the order its options are tried in, and how far along. */
interface Branch {
  /** Option indices in the order they are tried: the default (continue the last task) first. */
  readonly order: number[];
  /** Position in `order` of the option taken on the current path. */
  at: number;
  /** Preemptions on the path before this choice point. */
  readonly preemptionsBefore: number;
  /** Which entries of `order` are preemptions (a switch away from a task that could continue). */
  readonly preempts: boolean[];
}

/**
 * Exhaustive, stateless depth-first exploration of the schedules (a model checker in the style of
 * CHESS and loom): every run follows the current path's choices, then takes defaults; the next run
 * backtracks to the deepest choice point with an untried option. With `preemptionBound` b, only
 * schedules with at most b preemptions are explored (iterative context bounding: most bugs need
 * few). `complete` says whether the search space (within the bound) was exhausted. The frontier
 * (the current path) can be saved and resumed, so a long search can be split across CI jobs.
 *
 * Without partial-order reduction, schedules that differ only in the order of independent
 * operations are each explored: compare `ExploreResult.distinct` with `runs`.
 *
 * Splitting the tree (`splitTree`, for worker threads and CI shards): every part runs the first,
 * leftmost schedule (the spine); the untried options along the spine root disjoint subtrees, which
 * the search visits in a fixed order (deepest spine point first, its options in order), so subtree
 * j goes to part j mod count. A part explores only its subtrees; the parts together explore exactly
 * the whole tree, and a schedule's place in the whole search is (its subtree, its place in it).
 */
export class DfsStrategy implements ResumableStrategy, TreeSplittable {
  readonly name = 'dfs';
  readonly params: Readonly<Record<string, number>>;
  private path: Branch[] = [];
  private depth = 0;
  private preemptions = 0;
  /** True once every schedule (within the bound) has been explored. */
  complete = false;
  private split: Part | null = null;
  /** Branches of the path that belong to the first run's path (the spine); -1 before it ended. */
  private spine = -1;
  /** Spine alternatives met so far, in search order (the subtrees' ordinals). */
  private subtrees = 0;
  /** The subtree the current run is in (-1: the spine itself). */
  subtree = -1;

  constructor(
    private readonly preemptionBound = Number.POSITIVE_INFINITY,
    frontier: string | null = null,
    private readonly maxUnfairSteps = 1_000,
  ) {
    this.params = Number.isFinite(preemptionBound) ? { preemptionBound } : {};
    if (frontier !== null) {
      const f = parseFrontier(frontier);
      this.path = f.path;
      [this.spine, this.subtrees, this.subtree] = [f.spine, f.subtrees, f.subtree];
    }
  }

  beginRun(run: number): boolean {
    if (this.complete) return false;
    if (run === this.begun) {
      // The same run again (explore() repeats a run that turned out to need compatibility mode):
      // forget what the first attempt appended, and follow the same path.
      this.path.length = this.pathAtBegin;
    } else if (run > 0 || this.resumed) {
      this.resumed = false;
      if (!this.advance()) {
        this.complete = true;
        return false;
      }
    }
    this.begun = run;
    this.pathAtBegin = this.path.length;
    this.depth = 0;
    this.preemptions = 0;
    return true;
  }

  private resumed = false;
  /** The run last begun, and the path's length then (see beginRun). */
  private begun = -1;
  private pathAtBegin = 0;

  /** Explore only the subtrees j with j mod count = index (see the class comment). */
  splitTree(part: Part): void {
    this.split = part;
  }

  /** Move the path to the next unexplored schedule; false when there is none. */
  private advance(): boolean {
    while (this.path.length > 0) {
      const i = this.path.length - 1;
      const b = this.path[i]!;
      const onSpine = i < this.spine;
      for (let next = b.at + 1; next < b.order.length; next++) {
        if (b.preempts[next] && b.preemptionsBefore + 1 > this.preemptionBound) continue;
        if (onSpine) {
          // A spine alternative roots a new subtree: this part's, or skipped whole.
          const j = this.subtrees++;
          if (this.split !== null && j % this.split.count !== this.split.index) continue;
          this.subtree = j;
          this.spine = i + 1; // below this point the path is the subtree's, not the spine's
        }
        b.at = next;
        return true;
      }
      this.path.pop();
      if (onSpine) this.spine = i;
    }
    return false;
  }

  choose(point: ChoicePoint): number {
    const options = point.options;
    // The fairness rule: past maxUnfairSteps, a deterministic round-robin tail and no branching,
    // so a spin loop that waits for another task ends (the search is exhaustive up to the bound).
    if (point.step >= this.maxUnfairSteps) return point.step % options.length;
    const d = this.depth++;
    let b = this.path[d];
    if (b === undefined) {
      let continuing = -1;
      if (point.kind === 'task') {
        // The first match: tasks are listed before timers, and a timer names the task that made it.
        for (let i = 0; i < options.length && continuing < 0; i++)
          if (options[i]!.task === point.last) continuing = i;
      }
      const first = continuing >= 0 ? continuing : 0;
      const order = [first];
      for (let i = 0; i < options.length; i++) if (i !== first) order.push(i);
      b = {
        order,
        at: 0,
        preemptionsBefore: this.preemptions,
        preempts: order.map((i) => continuing >= 0 && i !== continuing),
      };
      this.path.push(b);
    } else if (b.order.length !== options.length) {
      throw new InterleaveError(
        `dfs: choice point ${d + 1} offered ${options.length} options where an earlier run of the same ` +
          `path offered ${b.order.length}: the program is nondeterministic (it depends on something ` +
          `outside the schedule)`,
      );
    }
    if (b.preempts[b.at]) this.preemptions++;
    return b.order[b.at]!;
  }

  endRun(_info: RunInfo): void {
    // A run can end before reaching the deepest points of an earlier path (a different branch):
    // forget what lies beyond this run's last choice point.
    this.path.length = this.depth;
    if (this.spine < 0) this.spine = this.path.length;
  }

  /** The current path, to resume the search later (`new DfsStrategy(bound, frontier)`). */
  frontier(): string {
    return JSON.stringify({
      dfs: 1,
      path: this.path.map((b) => [b.order, b.at, b.preemptionsBefore, b.preempts]),
      spine: this.spine,
      subtrees: this.subtrees,
      subtree: this.subtree,
    });
  }

  /** Resuming: the saved path is the last explored; the first run moves past it. */
  static resume(
    frontier: string,
    preemptionBound = Number.POSITIVE_INFINITY,
    maxUnfairSteps = 1_000,
  ): DfsStrategy {
    const s = new DfsStrategy(preemptionBound, frontier, maxUnfairSteps);
    s.resumed = true;
    return s;
  }
}

function parseFrontier(text: string): { path: Branch[]; spine: number; subtrees: number; subtree: number } {
  try {
    const raw = JSON.parse(text) as {
      dfs: number;
      path: [number[], number, number, boolean[]][];
      spine?: number;
      subtrees?: number;
      subtree?: number;
    };
    if (raw.dfs !== 1 || !Array.isArray(raw.path)) throw new Error('shape');
    const path = raw.path.map(([order, at, preemptionsBefore, preempts]) => ({
      order,
      at,
      preemptionsBefore,
      preempts,
    }));
    // Frontiers written before tree splitting existed: the saved path is past the spine.
    return { path, spine: raw.spine ?? 0, subtrees: raw.subtrees ?? 0, subtree: raw.subtree ?? -1 };
  } catch {
    throw new InterleaveError('corrupt dfs checkpoint: expected the JSON written by a dfs exploration');
  }
}
