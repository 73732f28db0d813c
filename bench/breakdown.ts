/**
 * `breakdown.*`: where the time of one run of the schedule workload (main + 3 tasks × 10 yield_()
 * steps) goes, from public options only, by difference:
 *  - setup_teardown_us: a run of a program whose main returns at once (a runtime made, main started
 *    and finished, the run's checks and its fingerprint, the strategy's bookkeeping);
 *  - per_step_ns: (a run of the workload with the race detector off − the empty run) ÷ its steps;
 *  - race_detector_us: a run with the detector on (the default) − one with it off;
 *  - compat_us: a run in compatibility mode (compat: 'on', plain promises followed) − the default;
 *  - run_us: a run with every default, the whole.
 * Each figure is the median over `reps` repetitions of `runs` runs; the variants are interleaved
 * within a repetition, so drift in the machine's speed hits them alike. Differences of two noisy
 * figures: small ones can come out at or below zero on a busy machine.
 */
import { explore, type ExploreOptions } from '../src/index.js';
import { CountingStrategy } from './counting.js';
import { breathe, median, timeNs, type Metric } from './measure.js';
import { exploreClean, yieldingTasks } from './workloads.js';

export interface BreakdownConfig {
  readonly runs: number;
  readonly reps: number;
}

export const BREAKDOWN_FULL: BreakdownConfig = { runs: 2_000, reps: 7 };
export const BREAKDOWN_QUICK: BreakdownConfig = { runs: 20, reps: 3 };

async function empty(): Promise<void> {}

/** µs per run of `main` under `options` (runs and seed added), checked clean. */
async function usPerRun(main: () => Promise<void>, runs: number, options: ExploreOptions): Promise<number> {
  const ns = await timeNs(() => exploreClean(main, { runs, seed: 1, ...options }, 'breakdown'));
  return ns / runs / 1_000;
}

/** The controlled steps of one run of the workload (every run takes the same number). */
async function stepsPerRun(): Promise<number> {
  const strategy = new CountingStrategy(1, 1);
  await explore(yieldingTasks, { runs: 1, strategy });
  return strategy.steps;
}

export async function measureBreakdown(c: BreakdownConfig): Promise<Metric[]> {
  const steps = await stepsPerRun();
  const full: number[] = [];
  const noRace: number[] = [];
  const bare: number[] = [];
  const compat: number[] = [];
  for (let r = -1; r < c.reps; r++) {
    // Repetition -1 is a warm-up.
    const sample = [
      await usPerRun(yieldingTasks, c.runs, {}),
      await usPerRun(yieldingTasks, c.runs, { race: false }),
      await usPerRun(empty, c.runs, {}),
      await usPerRun(yieldingTasks, c.runs, { compat: 'on' }),
    ] as const;
    await breathe();
    if (r < 0) continue;
    full.push(sample[0]);
    noRace.push(sample[1]);
    bare.push(sample[2]);
    compat.push(sample[3]);
  }
  const diff = (a: readonly number[], b: readonly number[]) => median(a.map((x, i) => x - b[i]!));
  return [
    { name: 'breakdown.run_us', value: median(full), unit: `µs (a run of ${steps} steps, all defaults)` },
    {
      name: 'breakdown.setup_teardown_us',
      value: median(bare),
      unit: 'µs (a run whose main returns at once)',
    },
    {
      name: 'breakdown.per_step_ns',
      value: (diff(noRace, bare) * 1_000) / steps,
      unit: 'ns (race detector off, setup and teardown taken out)',
    },
    { name: 'breakdown.race_detector_us', value: diff(full, noRace), unit: 'µs per run (detector on − off)' },
    { name: 'breakdown.compat_us', value: diff(compat, full), unit: "µs per run (compat: 'on' − default)" },
  ];
}
