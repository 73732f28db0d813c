/**
 * Scale of the harness: a run with many tasks, a run with many steps, and an exploration of many
 * schedules complete without stack overflow, with memory that does not grow with the number of
 * schedules. Runs in a child process with `--expose-gc` so heap figures are taken after a full GC.
 *
 *   node --expose-gc --import tsx bench/scale.ts --child <tasks> <steps> <schedules>
 */
import { fileURLToPath } from 'node:url';
import { runGcChild } from './gc-child.js';
import { setInterval as realSetInterval, clearInterval as realClearInterval } from 'node:timers';
import { chan, explore, go, yield_ } from '../src/index.js';
import type { Metric } from './measure.js';

const self = fileURLToPath(import.meta.url);

export interface ScaleSizes {
  readonly tasks: number;
  readonly steps: number;
  readonly schedules: number;
}

export const SCALE_FULL: ScaleSizes = { tasks: 10_000, steps: 1_000_000, schedules: 100_000 };
export const SCALE_QUICK: ScaleSizes = { tasks: 1_000, steps: 10_000, schedules: 1_000 };

export interface ScaleResult {
  readonly tasksMs: number;
  readonly stepsMs: number;
  readonly schedulesMs: number;
  /** Heap (MB) after a GC before the exploration of many schedules, after it, and the peak seen. */
  readonly heapBeforeMb: number;
  readonly heapAfterMb: number;
  readonly heapPeakMb: number;
  /** Heap (MB, after GC) when a tenth of the schedules had run, and at the end: growth between them. */
  readonly heapGrowthMb: number;
}

const MB = 1024 * 1024;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heap = (): number => process.memoryUsage().heapUsed / MB;

function check(
  what: string,
  r: { runs: number; findings: readonly { message: string }[] },
  runs: number,
): void {
  if (r.runs !== runs || r.findings.length > 0) {
    throw new Error(`${what}: ${r.runs}/${runs} runs; ${r.findings.map((f) => f.message).join('; ')}`);
  }
}

/** One run in which main starts `n` tasks, each sending once on a shared channel main drains. */
export async function manyTasks(n: number): Promise<number> {
  const started = performance.now();
  const r = await explore(
    async () => {
      const done = chan<number>(n);
      for (let i = 0; i < n; i++) go(async () => done.send(i));
      for (let i = 0; i < n; i++) await done.recv();
    },
    { runs: 1, maxSteps: 4 * n + 100, graceSteps: 10 },
  );
  check('many tasks', r, 1);
  return performance.now() - started;
}

/** One run of `steps` controlled steps: one task yielding in a loop. */
export async function manySteps(steps: number): Promise<number> {
  const started = performance.now();
  const r = await explore(
    async () => {
      for (let i = 0; i < steps; i++) await yield_();
    },
    { runs: 1, maxSteps: steps + 100 },
  );
  check('many steps', r, 1);
  return performance.now() - started;
}

/** An exploration of `schedules` schedules of a small program, heap sampled as it goes. */
export async function manySchedules(
  schedules: number,
): Promise<
  Pick<ScaleResult, 'schedulesMs' | 'heapBeforeMb' | 'heapAfterMb' | 'heapPeakMb' | 'heapGrowthMb'>
> {
  const program = async (): Promise<void> => {
    const c = chan<number>();
    const done = chan<void>();
    for (let t = 0; t < 3; t++) {
      go(async () => {
        await c.send(t);
        await yield_();
        await done.send(undefined);
      });
    }
    for (let t = 0; t < 3; t++) await c.recv();
    for (let t = 0; t < 3; t++) await done.recv();
  };
  // Warm up, so that the "before" heap holds the code and caches an exploration needs.
  await explore(program, { runs: Math.min(1_000, schedules), seed: 7 });
  gc();
  const heapBeforeMb = heap();
  let heapPeakMb = heapBeforeMb;
  const sampler = realSetInterval(() => (heapPeakMb = Math.max(heapPeakMb, heap())), 5);
  const tenth = Math.max(1, Math.floor(schedules / 10));
  const started = performance.now();
  await explore(program, { runs: tenth, seed: 1 });
  gc();
  const heapAtTenthMb = heap();
  await explore(program, { runs: schedules - tenth, seed: 2 });
  const schedulesMs = performance.now() - started;
  realClearInterval(sampler);
  heapPeakMb = Math.max(heapPeakMb, heap());
  gc();
  const heapAfterMb = heap();
  return { schedulesMs, heapBeforeMb, heapAfterMb, heapPeakMb, heapGrowthMb: heapAfterMb - heapAtTenthMb };
}

export async function measureScaleHere(s: ScaleSizes): Promise<ScaleResult> {
  const tasksMs = await manyTasks(s.tasks);
  const stepsMs = await manySteps(s.steps);
  return { tasksMs, stepsMs, ...(await manySchedules(s.schedules)) };
}

/** Runs the scale workloads in a fresh `--expose-gc` child process. */
export async function measureScale(s: ScaleSizes): Promise<ScaleResult> {
  const out = await runGcChild(
    self,
    ['--child', String(s.tasks), String(s.steps), String(s.schedules)],
    170_000,
  );
  return JSON.parse(out) as ScaleResult;
}

export function scaleMetrics(s: ScaleSizes, r: ScaleResult): Metric[] {
  return [
    { name: `scale.tasks_${s.tasks}_ms`, value: r.tasksMs, unit: 'ms' },
    { name: `scale.steps_${s.steps}_ms`, value: r.stepsMs, unit: 'ms' },
    { name: `scale.schedules_${s.schedules}_ms`, value: r.schedulesMs, unit: 'ms' },
    { name: 'scale.heap_before_mb', value: r.heapBeforeMb, unit: 'MB' },
    { name: 'scale.heap_after_mb', value: r.heapAfterMb, unit: 'MB' },
    { name: 'scale.heap_peak_mb', value: r.heapPeakMb, unit: 'MB' },
    // Can be ≤ 0 (GC noise); reported as an absolute so the JSON keeps every value positive.
    { name: 'scale.heap_growth_abs_mb', value: Math.abs(r.heapGrowthMb) + 1e-9, unit: 'MB' },
  ];
}

if (process.argv[2] === '--child') {
  const [tasks, steps, schedules] = process.argv.slice(3).map(Number) as [number, number, number];
  measureScaleHere({ tasks, steps, schedules }).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (e: unknown) => {
      process.stderr.write(
        `scale child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
