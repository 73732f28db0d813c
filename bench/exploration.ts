/**
 * Exploration benchmarks (the exploration issue): how fast each strategy finds bugs of depth 1, 2
 * and 3 (median schedules to first detection over 20 seeds), and how many executions exhaustive
 * DFS takes against the number of distinct executions (up to the order of independent operations).
 */
import { chan, explore, go, Mutex, settle, type ExploreOptions } from '../src/index.js';
import type { Metric } from './measure.js';

/**
 * A bug of depth `d` (d ordering constraints between tasks) in a program of workers taking `steps`
 * steps each (buffered sends: real operations, not spins):
 *  - depth 1: b takes its first step before a's first;
 *  - depth 2: b runs all its steps between a's 2nd and 3rd step;
 *  - depth 3 (three workers): a runs 2 steps, then b 2, then all of c, then the rest of b, then of a.
 * (A task preempted at PCT's i-th change point gets priority i, so a later-preempted task outranks
 * an earlier one: depth-3 patterns PCT's guarantee covers look like this one.)
 */
function depthBug(depth: 1 | 2 | 3, steps = 8): () => Promise<void> {
  const names = depth === 3 ? ['a', 'b', 'c'] : ['a', 'b'];
  const [a, b, c] = ['a', 'b', 'c'].map((n) => n.repeat(steps)) as [string, string, string];
  const pattern =
    depth === 1 ? null : depth === 2 ? `aa${b}${a.slice(2)}` : `aabb${c}${b.slice(2)}${a.slice(2)}`;
  return async () => {
    const log: string[] = [];
    const done = chan<void>(names.length);
    const sink = chan<number>(1000);
    for (const name of names) {
      go(async () => {
        for (let i = 0; i < steps; i++) {
          log.push(name);
          await sink.send(i);
        }
        await done.send();
      }, name);
    }
    for (let i = 0; i < names.length; i++) await done.recv();
    const s = log.join('');
    if (pattern === null ? s.startsWith('b') : s === pattern) throw new Error(`depth-${depth} bug`);
  };
}

/** Schedules until the first finding, or the budget when none was found. */
async function schedulesToDetect(
  prog: () => Promise<void>,
  options: ExploreOptions,
  budget: number,
): Promise<number> {
  let found = budget;
  const r = await explore(prog, { ...options, runs: budget, shrink: false });
  if (r.findings.length > 0) found = r.findings[0]!.run + 1;
  return found;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

export async function detectionMetrics(seeds = 20, budget = 20_000): Promise<Metric[]> {
  const out: Metric[] = [];
  for (const depth of [1, 2, 3] as const) {
    const prog = depthBug(depth);
    for (const [name, options] of [
      ['random', { strategy: 'random' }],
      ['pct', { strategy: 'pct', pctDepth: depth }],
    ] as const) {
      const counts: number[] = [];
      for (let seed = 1; seed <= seeds; seed++)
        counts.push(await schedulesToDetect(prog, { ...options, seed }, budget));
      out.push({
        name: `${name}.depth${depth}.median_schedules_to_detect`,
        value: median(counts),
        unit: 'schedules',
      });
    }
  }
  return out;
}

/** Dining philosophers with mutexes, each taking the left fork then the right: it can deadlock. */
function philosophers(n: number): () => Promise<void> {
  return async () => {
    const forks = Array.from({ length: n }, () => new Mutex());
    for (let i = 0; i < n; i++) {
      go(async () => {
        const [first, second] = i === n - 1 ? [forks[0]!, forks[i]!] : [forks[i]!, forks[(i + 1) % n]!]; // ordered: no deadlock
        await first.lock();
        await second.lock();
        second.unlock();
        first.unlock();
      }, `philosopher${i}`);
    }
    await settle();
  };
}

/** A producer/consumer with two of each over a one-slot buffer. */
function producerConsumer(): Promise<void> {
  const c = chan<number>(1);
  const done = chan<void>(4);
  for (let p = 0; p < 2; p++) {
    go(async () => {
      for (let i = 0; i < 2; i++) await c.send(p * 10 + i);
      await done.send();
    }, 'producer');
  }
  for (let q = 0; q < 2; q++) {
    go(async () => {
      for (let i = 0; i < 2; i++) await c.recv();
      await done.send();
    }, 'consumer');
  }
  return (async () => {
    for (let i = 0; i < 4; i++) await done.recv();
  })();
}

/**
 * dpor.*: executions explored by DFS with DPOR, by DFS without reduction (where it finishes within
 * the budget), and the distinct executions up to the order of independent operations, counted by
 * brute force (DFS's complete enumeration) where it finishes. The target: DPOR ≤ 1.2× distinct.
 * Where DFS does not finish but DPOR does, DPOR's own count stands in: it reached every class, and
 * the fingerprint tells classes apart by DPOR's dependency relation (fingerprint.ts), so it counts
 * each once. `sleep_blocked`: DPOR runs found redundant part-way (every option asleep).
 */
export async function dporMetrics(budget = 200_000): Promise<Metric[]> {
  const { pipeline } = await import('../examples/seed/pipeline.js');
  const { workerPool } = await import('../examples/seed/worker-pool.js');
  const programs: [string, () => unknown][] = [
    ['philosophers4', philosophers(4)],
    ['philosophers5', philosophers(5)],
    ['producer_consumer_2x2', producerConsumer],
    ['seed_pipeline', pipeline.main],
    ['seed_worker_pool', workerPool.main],
  ];
  const out: Metric[] = [];
  const complete = { runs: budget, findAll: true, shrink: false, maxSteps: 100_000 } as const;
  for (const [name, prog] of programs) {
    const dpor = await explore(prog, { ...complete, strategy: 'dpor' });
    const dfs = await explore(prog, { ...complete, strategy: 'dfs' });
    const state = (done: boolean | undefined): string => (done ? 'runs (complete)' : 'runs (budget hit)');
    out.push({ name: `dpor.${name}.executions`, value: dpor.runs, unit: state(dpor.complete) });
    out.push({ name: `dpor.${name}.dfs_executions`, value: dfs.runs, unit: state(dfs.complete) });
    out.push({ name: `dpor.${name}.sleep_blocked`, value: dpor.sleepBlocked ?? 0, unit: 'runs' });
    if (dfs.complete) {
      out.push({ name: `dpor.${name}.distinct`, value: dfs.distinct, unit: 'executions (brute force)' });
      out.push({
        name: `dpor.${name}.ratio_vs_distinct`,
        value: dpor.runs / dfs.distinct,
        unit: 'x (target <= 1.2)',
      });
    } else if (dpor.complete) {
      out.push({ name: `dpor.${name}.distinct`, value: dpor.distinct, unit: 'executions (complete DPOR)' });
      out.push({
        name: `dpor.${name}.ratio_vs_distinct`,
        value: dpor.runs / dpor.distinct,
        unit: 'x vs complete DPOR (target <= 1.2)',
      });
    } else {
      out.push({ name: `dpor.${name}.distinct`, value: dpor.distinct, unit: 'executions (seen by DPOR)' });
    }
  }
  return out;
}

/** `npx tsx bench/exploration.ts [--json] [--quick]`: the detection medians and the dpor.* counts. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const metrics = [
    ...(await detectionMetrics(quick ? 3 : 20, quick ? 2_000 : 20_000)),
    ...(await dporMetrics(quick ? 2_000 : 100_000)),
  ];
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify({ metrics })}\n`);
  else
    for (const m of metrics)
      process.stdout.write(`${m.name.padEnd(48)} ${String(m.value).padStart(8)} ${m.unit}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
