/**
 * The plain-async corpus (examples/async/corpus.ts) side by side under interleave and fast-check's
 * scheduler, in this one process. Per scenario and tool:
 *  - found: whether the buggy version fails within `budget` runs, and after how many runs;
 *  - per-run cost: median over `reps` of (time to run the fixed version `runs` times) / `runs`;
 *  - time to first report: interleave's explore() of the buggy version with its defaults (stop at
 *    the first finding, shrink it, check its replay), fast-check's fc.check (shrinking included);
 *  - the finding run: the same with shrinking off (explore's `shrink: false`, fast-check's
 *    `endOnFailure`), i.e. the runs up to and including the one that found the bug;
 *    first report ÷ finding run is what shrinking and the replay checks cost on top.
 */
import { explore } from 'interleave';
import { corpus, type CorpusEntry } from '../examples/async/corpus.js';
import { fcCheck, fcHarnesses } from './async-corpus-fc.js';
import { breathe, median, timeNs, type Metric } from './measure.js';

export interface AsyncCorpusConfig {
  readonly reps: number;
  /** Runs of the fixed version per per-run-cost sample. */
  readonly runs: number;
  /** The most runs either tool gets to find a bug. */
  readonly budget: number;
  readonly seed: number;
}

export const ASYNC_CORPUS_FULL: AsyncCorpusConfig = { reps: 5, runs: 200, budget: 1_000, seed: 41 };
export const ASYNC_CORPUS_QUICK: AsyncCorpusConfig = { reps: 1, runs: 10, budget: 1_000, seed: 41 };

type Tool = 'interleave' | 'fastcheck';
const TOOLS: readonly Tool[] = ['interleave', 'fastcheck'];

interface ToolResult {
  readonly found: boolean;
  /** Runs up to and including the failing one (the budget when not found). */
  readonly runsToFirst: number;
  readonly perRunUs: number;
  readonly firstReportMs: number;
  readonly findingRunMs: number;
}

interface FirstReport {
  readonly found: boolean;
  readonly runsToFirst: number;
}

async function interleaveFirst(e: CorpusEntry, c: AsyncCorpusConfig, shrink: boolean): Promise<FirstReport> {
  const r = await explore(e.buggy, { runs: c.budget, seed: c.seed, shrink });
  // Only the scenario's own panic counts: any other finding (a false alarm) is not the bug found.
  const f = r.findings[0];
  const found = f !== undefined && f.message === e.message;
  return { found, runsToFirst: found ? f.run + 1 : c.budget };
}

async function fastcheckFirst(e: CorpusEntry, c: AsyncCorpusConfig, shrink: boolean): Promise<FirstReport> {
  const r = await fcCheck(fcHarnesses[e.name]!, false, {
    seed: c.seed,
    numRuns: c.budget,
    endOnFailure: !shrink,
  });
  const found =
    r.failed && r.errorInstance instanceof Error && `panic: ${r.errorInstance.message}` === e.message;
  return { found, runsToFirst: found ? r.numRuns : c.budget };
}

async function fixedRuns(tool: Tool, e: CorpusEntry, c: AsyncCorpusConfig, seed: number): Promise<void> {
  if (tool === 'interleave') {
    const r = await explore(e.fixed, { runs: c.runs, seed });
    if (r.findings.length > 0) throw new Error(`false alarm: ${e.name} fixed, ${r.findings[0]!.message}`);
  } else {
    const r = await fcCheck(fcHarnesses[e.name]!, true, { seed, numRuns: c.runs });
    if (r.failed)
      throw new Error(`false alarm: ${e.name} fixed under fast-check, ${String(r.errorInstance)}`);
  }
}

async function measureTool(tool: Tool, e: CorpusEntry, c: AsyncCorpusConfig): Promise<ToolResult> {
  const first = (shrink: boolean) =>
    tool === 'interleave' ? interleaveFirst(e, c, shrink) : fastcheckFirst(e, c, shrink);
  const costs: number[] = [];
  const reports: number[] = [];
  const findings: number[] = [];
  let report: FirstReport = { found: false, runsToFirst: c.budget };
  for (let rep = 0; rep < c.reps; rep++) {
    costs.push((await timeNs(() => fixedRuns(tool, e, c, c.seed + rep))) / 1e3 / c.runs);
    await breathe();
    reports.push(
      (await timeNs(async () => {
        report = await first(true);
      })) / 1e6,
    );
    await breathe();
    findings.push((await timeNs(() => first(false))) / 1e6);
    await breathe();
  }
  return {
    found: report.found,
    runsToFirst: report.runsToFirst,
    perRunUs: median(costs),
    firstReportMs: median(reports),
    findingRunMs: median(findings),
  };
}

/** Every scenario under both tools, as metrics: per scenario, then the totals and the ratios. */
export async function measureAsyncCorpus(c: AsyncCorpusConfig): Promise<Metric[]> {
  const metrics: Metric[] = [];
  const totals = new Map<Tool, ToolResult[]>(TOOLS.map((t) => [t, []]));
  for (const e of corpus) {
    for (const tool of TOOLS) {
      const r = await measureTool(tool, e, c);
      totals.get(tool)!.push(r);
      const at = `async.${e.name}`;
      metrics.push(
        { name: `${at}.found.${tool}`, value: r.found ? 1 : 0, unit: 'bool' },
        { name: `${at}.runs_to_first.${tool}`, value: r.runsToFirst, unit: 'runs' },
        { name: `${at}.per_run_us.${tool}`, value: r.perRunUs, unit: 'µs' },
        { name: `${at}.first_report_ms.${tool}`, value: r.firstReportMs, unit: 'ms' },
      );
    }
  }
  const il = totals.get('interleave')!;
  const fc = totals.get('fastcheck')!;
  const sum = (rs: readonly ToolResult[], f: (r: ToolResult) => number) => rs.reduce((a, r) => a + f(r), 0);
  for (const [tool, rs] of totals) {
    metrics.push(
      { name: `async.found.${tool}`, value: sum(rs, (r) => (r.found ? 1 : 0)), unit: 'bugs' },
      { name: `async.per_run_us.${tool}`, value: median(rs.map((r) => r.perRunUs)), unit: 'µs' },
      { name: `async.first_report_ms.${tool}`, value: sum(rs, (r) => r.firstReportMs), unit: 'ms' },
    );
  }
  // Missed by interleave but found by fast-check: the target is zero.
  metrics.push({
    name: 'async.missed_vs_fastcheck',
    value: corpus.filter((_, i) => fc[i]!.found && !il[i]!.found).length,
    unit: 'bugs',
  });
  metrics.push({
    name: 'ratio.async_per_run_vs_fastcheck',
    value: median(il.map((r, i) => r.perRunUs / fc[i]!.perRunUs)),
    unit: 'x',
  });
  // The worst scenario: time to first report over the time of the runs that found the bug.
  metrics.push({
    name: 'ratio.async_first_report_vs_finding_run',
    value: Math.max(...il.filter((r) => r.found).map((r) => r.firstReportMs / r.findingRunMs), 0),
    unit: 'x',
  });
  return metrics;
}
