/*
 * `--budget 30s` without touching the strategies: explore() asks `beforeRun` before each run and
 * stops at the first false, so the worker passes one that says false once the time is up. Run r of
 * a seed is the same schedule whatever the run count (the random strategy reseeds per run), so a
 * budget that reached N runs explored exactly what `--runs N` with the same seed explores: the count
 * is the reproduction. The same hook reports progress (runs begun) for the progress bar.
 */

/** The real clock, taken before any exploration fakes `performance` (the virtual clock would lie). */
const realNow = performance.now.bind(performance);

/** explore()'s `beforeRun` for a time budget (none: null) that reports progress every `everyMs`. */
export function budgetHook(
  budgetMs: number | null,
  onProgress: (runs: number) => void,
  everyMs = 200,
): (run: number) => boolean {
  const deadline = budgetMs === null ? Infinity : realNow() + budgetMs;
  let lastReport = -Infinity;
  return (run) => {
    const now = realNow();
    // Run 0 always starts, so even a tiny budget explores something.
    if (run > 0 && now >= deadline) return false;
    if (now - lastReport >= everyMs) {
      lastReport = now;
      onProgress(run);
    }
    return true;
  };
}
