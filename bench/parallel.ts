/**
 * `parallel.*`: what splitting one exploration between 2 worker threads buys, through the CLI's own
 * thread pool, compiled (dist/cli/spawn.js: a fresh thread per job, tsx compiling the program in it). For each
 * schedule count N, the wall time of one thread exploring runs 0 … N−1 against two threads each
 * exploring half (runs r with r mod 2 = 0, 1), started together. The break-even is the N where the
 * two are equal (interpolated between the measured counts): below it, a thread's start-up costs
 * more than the halved work saves. `parallel.speedup` is the ratio at the largest N.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Spawn from '../src/cli/spawn.js';
import type { Part } from '../src/explore/options.js';
import { median, timeNs, type Metric } from './measure.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The compiled CLI's pool (dist/, what `interleave check` runs), with the sources' types.
const { closePool, runJob, setWorkers } = (await import(
  new URL('../dist/cli/spawn.js', import.meta.url).href
)) as typeof Spawn;
const FILE = 'bench/programs/workload.ts';

export interface ParallelConfig {
  readonly counts: readonly number[];
  readonly reps: number;
}

export const PARALLEL_FULL: ParallelConfig = {
  counts: [4_000, 16_000, 32_000, 64_000, 128_000, 256_000],
  reps: 3,
};
export const PARALLEL_QUICK: ParallelConfig = { counts: [100, 400], reps: 1 };

async function explorePart(runs: number, part: Part | null): Promise<void> {
  const reply = await runJob(
    {
      kind: 'explore',
      file: FILE,
      export: 'workload',
      explore: { overrides: { runs, seed: 1, strategy: 'portfolio' }, budgetMs: null, findAll: false, part },
    },
    root,
    120_000,
  );
  if (reply.type !== 'explored' || reply.findings.length > 0) {
    throw new Error(`parallel bench: unexpected answer ${JSON.stringify(reply).slice(0, 300)}`);
  }
}

export async function measureParallel(c: ParallelConfig): Promise<Metric[]> {
  setWorkers(2);
  try {
    await explorePart(c.counts[0]!, null); // warm-up: the OS caches, tsx's cache
    const ratios: number[] = [];
    for (const n of c.counts) {
      const one: number[] = [];
      const two: number[] = [];
      for (let r = 0; r < c.reps; r++) {
        one.push(await timeNs(() => explorePart(n, null)));
        two.push(
          await timeNs(() =>
            Promise.all([explorePart(n, { index: 0, count: 2 }), explorePart(n, { index: 1, count: 2 })]),
          ),
        );
      }
      ratios.push(median(one) / median(two));
    }
    return [
      {
        name: 'parallel.speedup',
        value: ratios.at(-1)!,
        unit: `x (2 threads vs 1, ${c.counts.at(-1)} schedules)`,
      },
      { name: 'parallel.break_even_schedules', value: breakEven(c.counts, ratios), unit: 'schedules' },
      ...c.counts.map((n, i) => ({ name: `parallel.speedup_at_${n}`, value: ratios[i]!, unit: 'x' })),
    ];
  } finally {
    await closePool();
  }
}

/** The schedule count where the speedup crosses 1 (log-linear between the two counts around it). */
export function breakEven(counts: readonly number[], ratios: readonly number[]): number {
  if (ratios[0]! >= 1) return counts[0]!;
  for (let i = 1; i < counts.length; i++) {
    if (ratios[i]! >= 1) {
      const [a, b] = [Math.log(counts[i - 1]!), Math.log(counts[i]!)];
      const t = (1 - ratios[i - 1]!) / (ratios[i]! - ratios[i - 1]!);
      return Math.round(Math.exp(a + t * (b - a)));
    }
  }
  return counts.at(-1)! * 2; // not reached: beyond the largest count measured
}
