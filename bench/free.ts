/**
 * Free mode against the strongest JS channel libraries (bench/free-peers.ts says which row each runs
 * and why). Every figure is the median of `procs` fresh processes, each running one library's one
 * row (warm-up pass, then one timed pass), so that no library's JIT state leaks into another's; the
 * spread (min–max over the processes) is reported beside it. Free mode runs as shipped: its starvation
 * guard is always on. If `go` is on the PATH, the same rows in Go (GOMAXPROCS=1, median of 7 passes
 * in one process) are printed as ns/msg beside ours: reported, not gated.
 *
 * Each process warms up with a pass as long as the timed one: V8 runs the first ~100,000 messages of
 * every library at 0.1–4 M/s before its optimizing compiler takes over (per-pass rates, 25,000
 * messages a pass, fresh process: 0.1 0.7 3.8 8.5 9.1 … for ours, 0.1 1.7 1.6 1.6 3.0 7.0 7.4 … for
 * @thi.ng/csp), so with a warm-up of an eighth the figure was mostly the JIT's warm-up, not the
 * channel. `count.*` are counted, not timed (bench/free-counts.ts): promises and microtask jobs per
 * message, the same on any machine.
 *
 * Quick mode runs every row once in this process with tiny counts (a smoke run, not a measurement).
 *
 *   tsx bench/free.ts --child <lib> <row> <n>   one sample: prints {"msgs":…, "ns":…}
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { perMessage } from './free-counts.js';
import { FLOOR, GO_PROGRAM, LIBS, ROWS, ROWS_OF, runRow, type Lib, type Row } from './free-peers.js';
import { median, perSecond, timeNs, type Metric } from './measure.js';

const exec = promisify(execFile);
const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

export interface FreeConfig {
  /** Fresh processes per figure (at least 7 for a measurement); 0: in-process smoke run. */
  readonly procs: number;
  /** Messages per timed pass. */
  readonly messages: number;
}

export const FREE_FULL: FreeConfig = { procs: 7, messages: 200_000 };
export const FREE_QUICK: FreeConfig = { procs: 0, messages: 2_000 };

/** One sample in this process: a warm-up pass as long as the timed pass (see the header), then it. */
async function sampleHere(lib: Lib, row: Row, n: number): Promise<number> {
  await runRow(lib, row, n);
  let msgs = 0;
  const ns = await timeNs(async () => {
    msgs = await runRow(lib, row, n);
  });
  return perSecond(msgs, ns);
}

async function sampleInChild(lib: Lib, row: Row, n: number): Promise<number> {
  const { stdout } = await exec(process.execPath, [tsxCli, self, '--child', lib, row, String(n)], {
    cwd: root,
    timeout: 60_000,
  });
  const out = JSON.parse(stdout.trim()) as { msgsPerSec: number };
  return out.msgsPerSec;
}

/** Go's ns/msg per row, or null when `go` is not on the PATH or fails. */
async function goNsPerMsg(n: number): Promise<Record<Row, number> | null> {
  const dir = mkdtempSync(path.join(tmpdir(), 'interleave-bench-go-'));
  try {
    writeFileSync(path.join(dir, 'main.go'), GO_PROGRAM);
    writeFileSync(path.join(dir, 'go.mod'), 'module benchfree\n\ngo 1.19\n');
    const { stdout } = await exec('go', ['run', '.', String(n)], {
      cwd: dir,
      timeout: 120_000,
      env: { ...process.env, GOMAXPROCS: '1', GOFLAGS: '-mod=mod' },
    });
    return JSON.parse(stdout.trim()) as Record<Row, number>;
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const metricRow = (row: Row): string => `${row}_msgs_per_sec`;

/** The free-mode metrics: ours and the peers' msgs/s with spread, ratios, and Go's ns/msg. */
export async function measureFree(c: FreeConfig): Promise<Metric[]> {
  const samples = new Map<string, number[]>();
  const key = (lib: Lib, row: Row): string => `${lib}/${row}`;
  const jobs: [Lib, Row][] = [];
  for (const lib of LIBS) for (const row of ROWS_OF[lib]) jobs.push([lib, row]);
  const rounds = Math.max(1, c.procs);
  // Rounds interleave the configurations (A B C … A B C …) so drift in the machine hits all alike.
  for (let r = 0; r < rounds; r++) {
    for (const [lib, row] of jobs) {
      const v =
        c.procs === 0 ? await sampleHere(lib, row, c.messages) : await sampleInChild(lib, row, c.messages);
      const list = samples.get(key(lib, row)) ?? [];
      list.push(v);
      samples.set(key(lib, row), list);
    }
  }
  const out: Metric[] = [];
  const figure = (name: string, values: readonly number[]): number => {
    const m = median(values);
    out.push({ name, value: m, unit: 'msgs/s' });
    out.push({ name: `${name}.min`, value: Math.min(...values), unit: 'msgs/s' });
    out.push({ name: `${name}.max`, value: Math.max(...values), unit: 'msgs/s' });
    return m;
  };
  const ours = new Map<Row, number>();
  for (const row of ROWS)
    ours.set(row, figure(`free.${metricRow(row)}`, samples.get(key('interleave', row))!));
  const best = new Map<Row, number>();
  const floor = new Map<Row, number>();
  for (const row of ROWS_OF[FLOOR])
    floor.set(row, figure(`floor.${metricRow(row)}`, samples.get(key(FLOOR, row))!));
  for (const lib of LIBS) {
    if (lib === 'interleave' || lib === FLOOR) continue;
    for (const row of ROWS_OF[lib]) {
      const m = figure(`peer.${lib}.${metricRow(row)}`, samples.get(key(lib, row))!);
      best.set(row, Math.max(best.get(row) ?? 0, m));
    }
  }
  out.push({
    name: 'ratio.free_unbuffered_vs_best_peer',
    value: ours.get('unbuffered')! / best.get('unbuffered')!,
    unit: 'x',
  });
  out.push({
    name: 'ratio.free_buffered64_vs_best_peer',
    value: ours.get('buffered64')! / best.get('buffered64')!,
    unit: 'x',
  });
  // How much of the engine's floor we keep, and the most any channel could have over the best peer.
  for (const row of ROWS_OF[FLOOR]) {
    out.push({ name: `ratio.free_${row}_vs_floor`, value: ours.get(row)! / floor.get(row)!, unit: 'x' });
    out.push({ name: `ratio.floor_${row}_vs_best_peer`, value: floor.get(row)! / best.get(row)!, unit: 'x' });
  }
  for (const row of ROWS)
    out.push({ name: `free.${row}_ns_per_msg`, value: 1e9 / ours.get(row)!, unit: 'ns' });
  // What a message costs every library, counted: any awaited channel resumes two `await`s (2 jobs);
  // a rendezvous makes at least one pending promise. The peers make as many jobs and more promises.
  for (const lib of LIBS)
    for (const row of ROWS_OF[lib].filter((r) => r === 'unbuffered' || r === 'buffered64')) {
      const { promises, jobs } = await perMessage(lib, row);
      out.push({ name: `count.${lib}.${row}_promises_per_msg`, value: promises, unit: 'promises' });
      out.push({ name: `count.${lib}.${row}_jobs_per_msg`, value: jobs, unit: 'jobs' });
    }
  if (c.procs > 0) {
    const go = await goNsPerMsg(c.messages * 5);
    if (go !== null)
      for (const row of ROWS) out.push({ name: `go.${row}_ns_per_msg`, value: go[row], unit: 'ns' });
  }
  return out;
}

/** A description of the free-mode rows for the table's header. */
export function describeFree(c: FreeConfig): string {
  const how =
    c.procs === 0
      ? 'one in-process sample per row (QUICK)'
      : `median of ${c.procs} fresh processes per figure (.min/.max: the spread)`;
  return (
    `free: ${c.messages} messages per pass, awaited send/recv (select: 2 producers; fanin: 8 producers, ` +
    `unbuffered); ${how}; peers only on rows with our semantics (bench/free-peers.ts); floor.*: the ` +
    `least work an awaited channel can do (bench/floor-chan.ts), not a peer; ` +
    `count.*: promises and microtask jobs per message, counted (bench/free-counts.ts); ` +
    `go.*: the same rows in Go, GOMAXPROCS=1, reported not gated`
  );
}

async function child(argv: readonly string[]): Promise<void> {
  const [lib, row, n] = argv as [Lib, Row, string];
  const msgsPerSec = await sampleHere(lib, row, Number(n));
  process.stdout.write(`${JSON.stringify({ msgsPerSec })}\n`);
}

if (process.argv[2] === '--child') {
  child(process.argv.slice(3)).catch((e: unknown) => {
    process.stderr.write(`bench child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
