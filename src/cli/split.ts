/**
 * Whether `interleave check` splits one program's runs among worker threads, and into how many
 * parts. A pure function of what the command asks and what the machine has, so the rule is tested
 * without timing anything.
 *
 * Why a threshold at all: each thread loads the program (and interleave) afresh through tsx, about
 * a second of CPU before its first run. Splitting pays only when the runs saved outweigh that load,
 * and only when the parts really run at once: on one core, two threads take turns and each still
 * pays its own load, so splitting always loses there.
 */

/**
 * `--runs` from which a program's runs are split. `npm run bench` (parallel.speedup_at_N: the CLI's
 * schedule workload, 2 threads against 1, on a 2-core machine busy with other work), twice:
 * 0.47-0.84× up to 32,000 runs, 1.03-1.07× at 64,000, 1.13× at 128,000, 1.11× at 256,000; a
 * break-even near 56,000 both times (an earlier, quieter machine put it near 32,000). Twice the
 * break-even leaves a margin for programs that load more than the bench's and for a busier machine.
 */
export const SPLIT_MIN_RUNS = 128_000;

/** Fewer cores than this and a split never pays: the parts would share one core. */
export const SPLIT_MIN_CORES = 2;

export interface SplitInput {
  /** `--runs`, or undefined when the program's own count applies (small: never split). */
  readonly runs: number | undefined;
  /** `--budget` in ms, or null. */
  readonly budgetMs: number | null;
  /** A `--checkpoint` search continues as one exploration. */
  readonly checkpoint: boolean;
  /** Threads the pool runs at once (`--workers N`, or the default). */
  readonly workers: number;
  /** Cores this process may use (os.availableParallelism()). */
  readonly cores: number;
}

/**
 * The number of parts a program's runs are split into (1: not split). Never under a time budget
 * (each part would stop at its own count and `--runs N` would no longer reproduce the check), never
 * for a checkpointed search, never below SPLIT_MIN_RUNS, and never into more parts than there are
 * cores: a part that waits for a core has paid its load for nothing.
 */
export function splitParts(s: SplitInput): number {
  if (s.checkpoint || s.budgetMs !== null) return 1;
  if (s.runs === undefined || s.runs < SPLIT_MIN_RUNS) return 1;
  return Math.min(s.workers, s.cores); // 1 on one core: not split
}
