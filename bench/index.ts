/**
 * `npm run bench`: interleave's exploration speed against fast-check's scheduler, and the cost of one
 * controlled hand-off against a raw promise hand-off, all measured in this one process.
 *
 *   npm run bench                    a readable table
 *   npm run bench -- --json          exactly one JSON object on stdout: {"metrics":[{name,value,unit}]}
 *   npm run bench -- --quick         tiny iteration counts (a smoke run, not a measurement)
 *   BENCH_QUICK=1 npm run bench      the same as --quick
 *
 * Every figure is the median of `reps` repetitions; the repetitions of the different workloads are
 * interleaved (A B C A B C ...) so that drift in the machine's speed hits all of them alike. Ratios are
 * medians of the per-repetition ratios.
 */
import {
  ASYNC_CORPUS_FULL,
  ASYNC_CORPUS_QUICK,
  measureAsyncCorpus,
  type AsyncCorpusConfig,
} from './async-corpus.js';
import { BREAKDOWN_FULL, BREAKDOWN_QUICK, measureBreakdown, type BreakdownConfig } from './breakdown.js';
import { fastCheckWorkload, type FastCheckDriver } from './fastcheck.js';
import { FREE_FULL, FREE_QUICK, describeFree, measureFree, type FreeConfig } from './free.js';
import { PARALLEL_FULL, PARALLEL_QUICK, measureParallel, type ParallelConfig } from './parallel.js';
import { RACE_FULL, RACE_QUICK, measureRace, type RaceConfig } from './race.js';
import { SCALE_FULL, SCALE_QUICK, measureScale, scaleMetrics, type ScaleSizes } from './scale.js';
import { WAITERS, WAKEUPS_FULL, WAKEUPS_QUICK, measureWakeups, type WakeupConfig } from './wakeups.js';
import { breathe, median, perSecond, timeNs, type Metric } from './measure.js';
import {
  STEPS_PER_SCHEDULE,
  STEPS_PER_TASK,
  TASKS,
  exploreHandoffs,
  exploreTimers,
  exploreYieldSteps,
  exploreWorkload,
  rawHandoffs,
} from './workloads.js';

interface Config {
  /** Repetitions per figure (the median is reported; at least 5). */
  readonly reps: number;
  /** Schedules per repetition (interleave `runs`, fast-check `numRuns`). */
  readonly schedules: number;
  /** Ping-pong rounds of the interleave hand-off run (2 hand-offs per round). */
  readonly rounds: number;
  /** Hand-offs of the raw promise ping-pong. */
  readonly rawHandoffs: number;
  /** Warm-up passes of every workload before measuring. */
  readonly warmups: number;
  /** Free mode against the peer channel libraries (bench/free.ts). */
  readonly free: FreeConfig;
  /** Sizes of the scale workloads (bench/scale.ts). */
  readonly scale: ScaleSizes;
  /** The race detector's cost (bench/race.ts). */
  readonly race: RaceConfig;
  /** Splitting one exploration between worker threads (bench/parallel.ts). */
  readonly parallel: ParallelConfig;
  /** The plain-async corpus under interleave and fast-check (bench/async-corpus.ts). */
  readonly asyncCorpus: AsyncCorpusConfig;
  /** ns per step with many tasks blocked on one object (bench/wakeups.ts). */
  readonly wakeups: WakeupConfig;
  /** Where a run's time goes (bench/breakdown.ts). */
  readonly breakdown: BreakdownConfig;
}

const FULL: Config = {
  reps: 7,
  schedules: 2_000,
  rounds: 100_000,
  rawHandoffs: 1_000_000,
  warmups: 3,
  free: FREE_FULL,
  scale: SCALE_FULL,
  race: RACE_FULL,
  parallel: PARALLEL_FULL,
  asyncCorpus: ASYNC_CORPUS_FULL,
  wakeups: WAKEUPS_FULL,
  breakdown: BREAKDOWN_FULL,
};
const QUICK: Config = {
  reps: 5,
  schedules: 10,
  rounds: 200,
  rawHandoffs: 2_000,
  warmups: 1,
  free: FREE_QUICK,
  scale: SCALE_QUICK,
  race: RACE_QUICK,
  parallel: PARALLEL_QUICK,
  asyncCorpus: ASYNC_CORPUS_QUICK,
  wakeups: WAKEUPS_QUICK,
  breakdown: BREAKDOWN_QUICK,
};

interface Args {
  readonly json: boolean;
  readonly quick: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  let json = false;
  let quick = process.env.BENCH_QUICK === '1';
  for (const a of argv) {
    if (a === '--json') json = true;
    else if (a === '--quick') quick = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run bench [-- --json] [-- --quick]\n');
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown argument ${a}; try --help\n`);
      process.exit(2);
    }
  }
  return { json, quick };
}

interface Samples {
  interleave: number[];
  fastcheck: number[];
  fastcheckWaitOne: number[];
  interleaveHandoffNs: number[];
  interleaveYieldStepNs: number[];
  rawHandoffNs: number[];
  timersDefault: number[];
  timersCompat: number[];
}

function emptySamples(): Samples {
  return {
    interleave: [],
    fastcheck: [],
    fastcheckWaitOne: [],
    interleaveHandoffNs: [],
    interleaveYieldStepNs: [],
    rawHandoffNs: [],
    timersDefault: [],
    timersCompat: [],
  };
}

async function schedulesPerSec(count: number, run: () => Promise<void>): Promise<number> {
  return perSecond(count, await timeNs(run));
}

async function handoffNs(run: () => Promise<number>): Promise<number> {
  let handoffs = 0;
  const ns = await timeNs(async () => {
    handoffs = await run();
  });
  return ns / handoffs;
}

async function sample(c: Config, rep: number, into: Samples): Promise<void> {
  const seed = rep + 1;
  const fc = (driver: FastCheckDriver) => () => fastCheckWorkload(c.schedules, seed, driver);
  into.interleave.push(await schedulesPerSec(c.schedules, () => exploreWorkload(c.schedules, seed)));
  await breathe();
  into.fastcheck.push(await schedulesPerSec(c.schedules, fc('waitIdle')));
  await breathe();
  into.fastcheckWaitOne.push(await schedulesPerSec(c.schedules, fc('waitOne')));
  await breathe();
  into.interleaveHandoffNs.push(await handoffNs(() => exploreHandoffs(c.rounds, seed)));
  await breathe();
  into.interleaveYieldStepNs.push(await handoffNs(() => exploreYieldSteps(c.rounds, seed)));
  await breathe();
  into.rawHandoffNs.push(await handoffNs(() => rawHandoffs(c.rawHandoffs)));
  await breathe();
  const timerRuns = Math.max(1, c.schedules >> 3);
  into.timersDefault.push(await schedulesPerSec(timerRuns, () => exploreTimers(timerRuns, seed, false)));
  await breathe();
  into.timersCompat.push(await schedulesPerSec(timerRuns, () => exploreTimers(timerRuns, seed, true)));
  await breathe();
}

async function measure(c: Config): Promise<Metric[]> {
  const samples = emptySamples();
  const discard = emptySamples();
  for (let w = 0; w < c.warmups; w++) await sample(c, 1000 + w, discard);
  for (let r = 0; r < c.reps; r++) await sample(c, r, samples);

  const il = median(samples.interleave);
  const fcIdle = median(samples.fastcheck);
  const fcOne = median(samples.fastcheckWaitOne);
  const ilHandoff = median(samples.interleaveHandoffNs);
  const ilYieldStep = median(samples.interleaveYieldStepNs);
  const rawHandoff = median(samples.rawHandoffNs);
  // Ratios pair the samples of one repetition (taken seconds apart), then take the median: drift in the
  // machine's speed between repetitions cancels out.
  const ratio = (a: readonly number[], b: readonly number[]) => median(a.map((x, i) => x / b[i]!));
  return [
    { name: 'interleave.schedules_per_sec', value: il, unit: 'schedules/s' },
    { name: 'interleave.steps_per_sec', value: il * STEPS_PER_SCHEDULE, unit: 'steps/s' },
    { name: 'fastcheck.schedules_per_sec', value: fcIdle, unit: 'schedules/s' },
    { name: 'fastcheck.steps_per_sec', value: fcIdle * STEPS_PER_SCHEDULE, unit: 'steps/s' },
    { name: 'fastcheck_waitone.schedules_per_sec', value: fcOne, unit: 'schedules/s' },
    { name: 'fastcheck_waitone.steps_per_sec', value: fcOne * STEPS_PER_SCHEDULE, unit: 'steps/s' },
    { name: 'ratio.schedules_vs_fastcheck', value: ratio(samples.interleave, samples.fastcheck), unit: 'x' },
    {
      name: 'ratio.schedules_vs_fastcheck_waitone',
      value: ratio(samples.interleave, samples.fastcheckWaitOne),
      unit: 'x',
    },
    { name: 'interleave.handoff_ns', value: ilYieldStep, unit: 'ns' },
    { name: 'raw.handoff_ns', value: rawHandoff, unit: 'ns' },
    {
      name: 'ratio.step_vs_handoff',
      value: ratio(samples.interleaveYieldStepNs, samples.rawHandoffNs),
      unit: 'x',
    },
    { name: 'timers.default.schedules_per_sec', value: median(samples.timersDefault), unit: 'schedules/s' },
    { name: 'timers.compat.schedules_per_sec', value: median(samples.timersCompat), unit: 'schedules/s' },
    { name: 'ratio.compat_cost', value: ratio(samples.timersDefault, samples.timersCompat), unit: 'x' },
    { name: 'interleave.chan_message_ns', value: ilHandoff, unit: 'ns' },
    {
      name: 'ratio.chan_message_vs_handoff',
      value: ratio(samples.interleaveHandoffNs, samples.rawHandoffNs),
      unit: 'x',
    },
  ];
}

/** The targets: a label and whether a value meets it. */
const TARGETS: Record<string, { readonly label: string; readonly met: (v: number) => boolean }> = {
  'ratio.schedules_vs_fastcheck': { label: '>= 25', met: (v) => v >= 25 },
  'ratio.step_vs_handoff': { label: '<= 3', met: (v) => v <= 3 },
  'ratio.free_unbuffered_vs_best_peer': { label: '>= 1.2', met: (v) => v >= 1.2 },
  'ratio.free_buffered64_vs_best_peer': { label: '>= 1.2', met: (v) => v >= 1.2 },
  'race.overhead_ratio': { label: '<= 1.5', met: (v) => v <= 1.5 },
  'race.bytes_per_task': { label: '<= 2048', met: (v) => v <= 2048 },
  'async.missed_vs_fastcheck': { label: '0', met: (v) => v === 0 },
  'ratio.async_per_run_vs_fastcheck': { label: '<= 1', met: (v) => v <= 1 },
  'ratio.async_first_report_vs_finding_run': { label: '<= 3', met: (v) => v <= 3 },
};

function format(value: number): string {
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  if (value >= 100) return value.toFixed(0);
  return value.toFixed(2);
}

function target(m: Metric): string {
  const t = TARGETS[m.name];
  return t ? `${t.label} ${t.met(m.value) ? 'ok' : 'MISS'}` : '';
}

function table(metrics: readonly Metric[], c: Config, quick: boolean): string {
  const rows = metrics.map((m) => [m.name, format(m.value), m.unit, target(m)]);
  const head = ['metric', 'value', 'unit', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) =>
    r.map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  return [
    `interleave bench${quick ? ' (QUICK: smoke counts, not a measurement)' : ''} — node ${process.version}`,
    `median of ${c.reps} repetitions after ${c.warmups} warm-up pass(es); ratios are medians of per-repetition ratios`,
    `workload: main + ${TASKS} tasks × ${STEPS_PER_TASK} yield_() steps, done channel; ` +
      `${c.schedules} schedules per repetition; steps/s counts the ${STEPS_PER_SCHEDULE} yield steps per schedule`,
    `interleave: explore(main, { runs: ${c.schedules}, seed }) — default options (random strategy, test mode)`,
    `fastcheck: fc.assert(asyncProperty(fc.scheduler(), ...), { numRuns: ${c.schedules} }), ` +
      `driven by s.waitIdle(); fastcheck_waitone: an s.waitOne() loop`,
    `hand-off: two tasks × ${c.rounds} yield_() steps in one explore() run, a strategy that always ` +
      `switches task (each step hands control to the other task); raw: two async functions handing a ` +
      `resolved promise back and forth, ${c.rawHandoffs} hand-offs`,
    `timers: main + ${TASKS} tasks × 10 waits of 1 ms, as time.sleep (default mode) and as ` +
      `setTimeout promises (compatibility mode); compat_cost = default ÷ compat schedules/s`,
    `chan_message: two tasks ping-ponging ${c.rounds} rounds over two unbuffered channels (a message is ` +
      `2 resumes: the sender continues after its send, then the receiver)`,
    describeFree(c.free),
    `race: the schedule workload with each task reading and writing its own shared() cell once per step, ` +
      `detector on ÷ off (overhead_ratio); ns_per_access: ${c.race.manyAccesses} accesses per step, minus ` +
      `the same without accesses; bytes_per_task: heap on − off after GC at the end of a run of ` +
      `${c.race.memoryTasks} finished tasks, per task (--expose-gc child)`,
    `parallel: the schedule workload through the CLI's thread pool, one thread exploring N schedules ` +
      `vs two exploring half each, N in ${c.parallel.counts.join(', ')}; speedup at the largest N; ` +
      `break-even: the N where they are equal (the CLI splits from SPLIT_MIN_RUNS, src/cli/split.ts)`,
    `async: the plain-async corpus (examples/async/corpus.ts), buggy and fixed, under explore() and ` +
      `fc.check(fc.scheduler()); budget ${c.asyncCorpus.budget} runs, seed ${c.asyncCorpus.seed}; per_run_us: ` +
      `fixed version, ${c.asyncCorpus.runs} runs, median of ${c.asyncCorpus.reps}; first_report_ms: until the ` +
      `first report, shrinking and replay checks included; ratio.async_first_report_vs_finding_run: the ` +
      `worst scenario's first report ÷ the same runs with shrinking off`,
    `scale: one run of ${c.scale.tasks} tasks, one run of ${c.scale.steps} steps, an exploration of ` +
      `${c.scale.schedules} schedules (heap in MB after GC, in an --expose-gc child process); ` +
      `scale.<shape>.ns_per_step_N: one run of about N steps with ${WAITERS} tasks blocked on one object ` +
      `(cond_broadcast, cond_signal, mutex, chan_senders), median of ${c.wakeups.reps}: flat in N is the goal`,
    `breakdown: the schedule workload, ${c.breakdown.runs} runs, median of ${c.breakdown.reps}, by ` +
      `difference: an empty main (setup_teardown), race detector off minus empty over the steps (per_step), ` +
      `detector on minus off (race_detector), compat 'on' minus default (compat)`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const c = args.quick ? QUICK : FULL;
  const metrics = [...(await measure(c)), ...(await measureFree(c.free))];
  metrics.push(...scaleMetrics(c.scale, await measureScale(c.scale)));
  metrics.push(...(await measureWakeups(c.wakeups)));
  metrics.push(...(await measureBreakdown(c.breakdown)));
  metrics.push(...(await measureRace(c.race)));
  metrics.push(...(await measureParallel(c.parallel)));
  metrics.push(...(await measureAsyncCorpus(c.asyncCorpus)));
  if (args.json) process.stdout.write(`${JSON.stringify({ metrics })}\n`);
  else process.stdout.write(table(metrics, c, args.quick));
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
