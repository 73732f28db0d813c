/**
 * The race detector's cost (`race.*` metrics), in one process: the core workload (main + 3 tasks ×
 * 10 `yield_()` steps) with `shared()` accesses added to every step, explored with the detector on
 * and off, repetitions interleaved. Each task reads and writes its own cell (no race, so every run
 * goes to its end). The detector's memory is measured in a fresh `--expose-gc` child:
 *
 *   node --expose-gc --import tsx bench/race.ts --memory <tasks>
 */
import { fileURLToPath } from 'node:url';
import { runGcChild } from './gc-child.js';
import { chan, explore, go, shared, WaitGroup, yield_ } from '../src/index.js';
import { breathe, median, timeNs, type Metric } from './measure.js';
import { exploreClean, STEPS_PER_TASK, TASKS } from './workloads.js';

const self = fileURLToPath(import.meta.url);

export interface RaceConfig {
  readonly reps: number;
  readonly schedules: number;
  /** Cell accesses per step of the access-cost workload (half reads, half writes). */
  readonly manyAccesses: number;
  /** Tasks of the memory workload. */
  readonly memoryTasks: number;
}

export const RACE_FULL: RaceConfig = { reps: 9, schedules: 5_000, manyAccesses: 100, memoryTasks: 10_000 };
export const RACE_QUICK: RaceConfig = { reps: 5, schedules: 10, manyAccesses: 100, memoryTasks: 1_000 };

/** The core workload, each step also making `accesses` accesses (read, write, read, ...) to the task's cell. */
function accessingTasks(accesses: number): () => Promise<void> {
  return async () => {
    const done = chan<void>();
    for (let t = 0; t < TASKS; t++) {
      go(async () => {
        const mine = shared(0);
        for (let i = 0; i < STEPS_PER_TASK; i++) {
          for (let a = 0; a < accesses; a += 2) mine.set(mine.get() + 1);
          await yield_();
        }
        await done.send(undefined);
      });
    }
    for (let t = 0; t < TASKS; t++) await done.recv();
  };
}

async function timeExploration(
  schedules: number,
  seed: number,
  race: boolean,
  accesses: number,
): Promise<number> {
  const program = accessingTasks(accesses);
  return timeNs(() => exploreClean(program, { runs: schedules, seed, race }, 'race bench'));
}

export async function measureRace(c: RaceConfig): Promise<Metric[]> {
  const variants = [
    { race: true, accesses: 2 },
    { race: false, accesses: 2 },
    { race: true, accesses: 0 },
    { race: false, accesses: 0 },
    { race: true, accesses: c.manyAccesses },
    { race: false, accesses: c.manyAccesses },
  ] as const;
  const samples: number[][] = variants.map(() => []);
  for (let rep = -1; rep < c.reps; rep++) {
    for (let v = 0; v < variants.length; v++) {
      const { race, accesses } = variants[v]!;
      const ns = await timeExploration(c.schedules, rep + 2, race, accesses);
      if (rep >= 0) samples[v]!.push(ns); // rep -1 is the warm-up
      await breathe();
    }
  }
  const [onOne, offOne, onNone, offNone, onMany, offMany] = samples as [
    number[],
    number[],
    number[],
    number[],
    number[],
    number[],
  ];
  const accessesPerRun = TASKS * STEPS_PER_TASK * c.manyAccesses * c.schedules;
  const perAccess = (many: number[], none: number[]) =>
    median(many.map((m, i) => (m - none[i]!) / accessesPerRun));
  const memory = await measureRaceMemory(c.memoryTasks);
  return [
    {
      name: 'race.overhead_ratio',
      value: median(onOne.map((on, i) => on / offOne[i]!)),
      unit: 'x',
    },
    { name: 'race.ns_per_access_on', value: perAccess(onMany, onNone), unit: 'ns' },
    { name: 'race.ns_per_access_off', value: perAccess(offMany, offNone), unit: 'ns' },
    { name: 'race.bytes_per_task', value: memory, unit: 'B' },
  ];
}

/**
 * Detector state per finished task: one run in which `n` tasks each write their own cell and then
 * `done()` a WaitGroup main waits on; heap (after a full GC, at the end of main, with every task
 * finished) with the detector on minus off, divided by `n`.
 */
async function heapAtEnd(n: number, race: boolean): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the race memory workload needs node --expose-gc');
  let bytes = 0;
  const r = await explore(
    async () => {
      const wg = new WaitGroup();
      const cells = Array.from({ length: n }, () => shared(0));
      for (let i = 0; i < n; i++) {
        wg.add(1);
        go(() => {
          cells[i]!.set(i);
          wg.done();
        });
      }
      await wg.wait();
      for (const c of cells) c.get(); // ordered by the wait: no race, and every cell stays alive
      gc();
      bytes = process.memoryUsage().heapUsed;
    },
    { runs: 1, race, maxSteps: 4 * n + 100 },
  );
  if (r.findings.length > 0) throw new Error(`race memory workload: ${r.findings[0]!.message}`);
  return bytes;
}

export async function measureRaceMemoryHere(n: number): Promise<number> {
  await heapAtEnd(n, true); // warm-up: code and caches
  await heapAtEnd(n, false);
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < 3; i++) {
    on.push(await heapAtEnd(n, true));
    off.push(await heapAtEnd(n, false));
  }
  return Math.max(1, (median(on) - median(off)) / n);
}

async function measureRaceMemory(n: number): Promise<number> {
  return Number(await runGcChild(self, ['--memory', String(n)], 120_000));
}

if (process.argv[2] === '--memory') {
  measureRaceMemoryHere(Number(process.argv[3])).then(
    (b) => process.stdout.write(`${b}\n`),
    (e: unknown) => {
      process.stderr.write(
        `race memory child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
