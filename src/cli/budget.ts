import type { Part } from '../scheduler/options.js';
import type { ChoicePoint, RunInfo, Strategy } from '../scheduler/strategy.js';

/*
 * `--budget 30s` without touching the core: explore() stops as soon as its strategy's beginRun says
 * false, so the worker wraps the program's strategy in one that says false once the time is up.
 * Run r of a seed is the same schedule whatever the run count (the random strategy reseeds per run),
 * so a budget that reached N runs explored exactly what `--runs N` with the same seed explores: the
 * count is the reproduction. The wrapper also reports progress (runs begun) for the progress bar.
 */

/** The real clock, taken before any exploration fakes `performance` (the virtual clock would lie). */
const realNow = performance.now.bind(performance);

export class BudgetStrategy implements Strategy {
  private readonly deadline: number;
  private lastReport = -Infinity;

  constructor(
    private readonly inner: Strategy,
    budgetMs: number | null,
    private readonly onProgress: (runs: number) => void,
    private readonly everyMs = 200,
  ) {
    this.deadline = budgetMs === null ? Infinity : realNow() + budgetMs;
  }

  get name(): string {
    return this.inner.name;
  }

  get params(): Readonly<Record<string, number | string | boolean>> {
    return this.inner.params;
  }

  get calibration(): number | undefined {
    return this.inner.calibration;
  }

  /** DPOR reads each run's step log: without it, it would see no races and stop after one run. */
  get wantsStepLog(): boolean | undefined {
    return this.inner.wantsStepLog;
  }

  /** An exhaustive search's verdicts, which explore() reports (ExploreResult.complete). */
  get complete(): boolean | undefined {
    return (this.inner as Partial<{ complete: boolean }>).complete;
  }

  get sleepBlocked(): number | undefined {
    return (this.inner as Partial<{ sleepBlocked: number }>).sleepBlocked;
  }

  /** A dfs search's tree split (explore.ts treeSplitter), passed through. */
  get splitTree(): ((p: Part) => void) | undefined {
    const t = this.inner as Partial<{ splitTree(p: Part): void }>;
    return typeof t.splitTree === 'function' ? (p: Part) => t.splitTree!(p) : undefined;
  }

  get subtree(): number {
    return (this.inner as Partial<{ subtree: number }>).subtree ?? -1;
  }

  beginRun(run: number): boolean {
    const now = realNow();
    // Run 0 always starts, so even a tiny budget explores something.
    if (run > 0 && now >= this.deadline) return false;
    if (now - this.lastReport >= this.everyMs) {
      this.lastReport = now;
      this.onProgress(run);
    }
    return this.inner.beginRun(run);
  }

  choose(point: ChoicePoint): number {
    return this.inner.choose(point);
  }

  endRun(info: RunInfo): void {
    this.inner.endRun(info);
  }
}
