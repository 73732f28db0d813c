import type { Finding } from '../checker/findings.js';
import { needsCompat, raceSitesKey } from '../checker/verdicts.js';
import { InterleaveError } from '../base/errors.js';
import { releaseCompat } from '../runtime/compat.js';
import { silenceConsole } from '../host/console-capture.js';
import { Driver } from './driver.js';
import { installTickCounter, uninstallTickCounter } from './drain-probe.js';
import { HostClock } from '../host/host-timers.js';
import { makeStrategy, resolveOptions, type ExploreOptions } from './options.js';
import { toProgram, type Program } from './program.js';
import { realm } from '../runtime/realm.js';
import { stopListening } from '../runtime/rejections.js';
import type { ReplayDivergence } from '../strategies/replay.js';
import { IndexReplayStrategy, ReplayStrategy } from '../strategies/replay.js';
import { takeLateCall } from '../runtime/late-calls.js';
import { ExplorerRuntime } from '../runtime/explorer-runtime.js';
import type { RunOptions, RunOutcome } from '../runtime/run-options.js';
import { installHostPatches, patchHost } from '../host/host-patches.js';
import { GuidedStrategy, sameFinding, shrinkSchedule, type PlannedRun, type Shrunk } from './shrink.js';
import type { Strategy } from '../strategies/strategy.js';
import { findCulprits } from './culprits.js';
import { divergence, outsideWork } from './reproduction.js';
import { completeness, noteBlindSpots, type BlindSpot } from './completeness.js';
import {
  isExhaustive,
  isIndexAddressable,
  isTreeSplittable,
  type TreeSplittable,
} from '../strategies/capabilities.js';
import {
  encodeReplay,
  recipeOf,
  TRACE_VERSION,
  type ProgramLocator,
  type ReplayRecipe,
  type Trace,
  type TraceOptions,
} from './trace.js';

/** A finding with everything needed to show and replay it. */
export interface ExploredFinding extends Finding {
  /** The run (0-based) of the exploration that found it. */
  readonly run: number;
  readonly trace: Trace;
  /** One line: `npx interleave replay '<this>'` reproduces it. */
  readonly replay: string;
  /**
   * In one part of a split dfs search: the subtree its run is in (-1: the first run's path). The
   * whole search's order is (subtree, run within the part), which `mergeParts` sorts by.
   */
  readonly subtree?: number;
}

export interface ExploreResult {
  /** Schedules executed (not counting the replays of failing ones). */
  readonly runs: number;
  readonly findings: readonly ExploredFinding[];
  readonly seed: number;
  readonly strategy: string;
  /** Whether compatibility mode (following tasks through plain promises) was needed. */
  readonly compat: boolean;
  /**
   * Distinct executions among the runs, up to the order of independent operations (each object's
   * sequence of task and operation): how many behaviours the runs actually covered.
   */
  readonly distinct: number;
  /**
   * For an exhaustive strategy (dfs, dpor): whether every schedule (within its bounds) was explored
   * and the program depends on nothing else (completeness.ts): never claimed for a program that used
   * compatibility mode, scheduled() or external() calls, Node timers, or switch points at plain awaits.
   */
  readonly complete?: boolean;
  /** With `complete`: what it covers, in words (`every schedule of interleave operations (dfs)`). */
  readonly completeScope?: string;
  /** A search that ran out of schedules without claiming `complete`: why. */
  readonly incompleteReason?: string;
  /** For dpor: runs (among `runs`) in which every option at some point was asleep (redundant). */
  readonly sleepBlocked?: number;
  /** With `part`: each run's index and fingerprint, so that `mergeParts` can count `distinct`. */
  readonly fingerprints?: readonly (readonly [run: number, fingerprint: number])[];
  /**
   * The first time, during the exploration, that a task of a finished run called an operation (a
   * late continuation: the run was over, so the call never completed, as Go never resumes other
   * goroutines after exit). Nothing is printed about it; `check --verbose` prints it.
   */
  readonly lateCall?: string;
}

/**
 * What makes two findings of an exploration the same report: kind and message (they carry no
 * source sites); for a race, also its two accesses' tasks (Go reports each pair of sites once, and
 * sites are only known once replayed: then `raceSitesKey` drops a pair already reported).
 */
export function findingKey(f: Finding): string {
  return `${f.kind}\u0000${f.message}${f.kind === 'race' ? `\u0000${f.summary}` : ''}`;
}

let queue: Promise<void> = Promise.resolve();

/** One exploration per realm: a second one waits its turn. Inside a run it is refused. */
async function exclusive<T>(fn: (host: HostClock) => Promise<T>): Promise<T> {
  // A run in flight: either another exploration's (test.concurrent: this one waits its turn) or
  // the caller's own (nesting). The two look alike from here; if it is nesting, the calling task
  // is left awaiting this queue, and the run's watcher reports it as such (Runtime.macrotask).
  if (realm.rt && !realm.rt.ended) realm.rt.exploreRequested = true;
  const prev = queue;
  let release!: () => void;
  queue = new Promise((r) => (release = r));
  await prev;
  let host: HostClock | null = null;
  let unpatch: (() => void) | null = null;
  realm.exploring++;
  realm.exploration++;
  try {
    host = HostClock.install();
    unpatch = installHostPatches();
    installTickCounter();
    return await fn(host);
  } finally {
    stopListening();
    uninstallTickCounter();
    unpatch?.();
    host?.uninstall();
    realm.exploring--;
    realm.last = null;
    release();
  }
}

/**
 * A run's options: the trace's, every field named (traceOptions), then its number. A spread of an
 * object with optional fields took ~2 µs per run, 15% of an empty run (a CPU profile of 100,000 runs).
 */
function runOptions(o: TraceOptions, run: number, record: boolean): RunOptions {
  return Object.assign(traceOptions(o, o.compat), { run, record });
}

function traceOptions(o: Omit<TraceOptions, 'compat'>, compat: boolean): TraceOptions {
  return {
    maxSteps: o.maxSteps,
    livelockSteps: o.livelockSteps,
    graceSteps: o.graceSteps,
    mode: o.mode,
    seed: o.seed,
    graceTime: o.graceTime,
    timeJumps: o.timeJumps,
    compat,
    race: o.race,
    awaitPoints: o.awaitPoints,
  };
}

/**
 * Explore the schedules of a program: `runs` runs under the strategy, stopping at the first
 * finding unless `findAll`. Each failing schedule is replayed to rebuild its events and source
 * sites, then replayed again from its trace to check that it reproduces ("nondeterministic"
 * otherwise).
 */
export async function explore(
  target: Program | (() => unknown),
  options: ExploreOptions = {},
): Promise<ExploreResult> {
  const prog = toProgram(target);
  const opts = resolveOptions({ ...prog.options, ...options });
  const strategy = makeStrategy(opts);
  const part = opts.part;
  // Runs addressable by index split by index; a depth-first search splits its tree instead.
  const indexed = isIndexAddressable(strategy) ? strategy : null;
  let tree: TreeSplittable | null = null;
  if (part !== null && indexed === null) {
    if (!isTreeSplittable(strategy)) {
      throw new InterleaveError(
        `option part: the ${strategy.name} strategy's runs each depend on all earlier ones, so its ` +
          `exploration cannot be split by run index, nor its tree; use random, pct, portfolio or dfs`,
      );
    }
    tree = strategy;
    tree.splitTree(part);
  }
  const calibration = tree !== null ? 1 : (indexed?.calibration ?? 0);
  return exclusive(async (host) => {
    const driver = new Driver(host);
    const findings: ExploredFinding[] = [];
    const seen = new Set<string>();
    let runs = 0;
    let compat = opts.compat === 'on';
    const behaviours = new Set<number>();
    const fingerprints: [number, number][] = [];
    /** What the runs did that the explorer does not see: it withholds `complete`. */
    const blind = new Set<BlindSpot>();
    const exploration = realm.exploration;
    const restoreConsole = opts.console === 'quiet' ? silenceConsole() : null;
    // Made once: a run's options differ only in its number.
    const plainRun = traceOptions(opts, false);
    const compatRun = traceOptions(opts, true);
    try {
      for (let run = 0; run < opts.runs; run++) {
        // A part runs its own runs, and every calibration run (they shape the later ones) silently.
        // A tree split's runs after the first (the spine, part 0's) are all the part's own.
        const mine =
          part === null || (tree !== null ? run > 0 || part.index === 0 : run % part.count === part.index);
        if (!mine && run >= calibration) continue;
        if (opts.beforeRun?.(run) === false || !strategy.beginRun(run)) break;
        let rt = new ExplorerRuntime(
          strategy,
          runOptions(compat ? compatRun : plainRun, run, false),
          patchHost,
        );
        let outcome = await driver.execute(rt, prog.main);
        if (!compat && opts.compat === 'auto' && needsCompat(outcome.finding)) {
          // The program awaits plain promises (a timer callback resolving them, say): follow them
          // from now on, and run this schedule again that way.
          compat = true;
          strategy.beginRun(run);
          rt = new ExplorerRuntime(strategy, runOptions(compatRun, run, false), patchHost);
          outcome = await driver.execute(rt, prog.main);
        }
        noteBlindSpots(rt, blind);
        if (compat) blind.add('compat');
        strategy.endRun({
          run,
          steps: outcome.steps,
          choices: outcome.choices,
          failed: outcome.finding !== null,
          log: outcome.log ?? undefined, // named, not spread: a spread per run is slow (see runOptions)
        });
        if (!mine) continue;
        runs++;
        behaviours.add(outcome.fingerprint);
        if (part !== null) fingerprints.push([run, outcome.fingerprint]);
        if (!outcome.finding) continue;
        // Deduplicate before replaying: the message carries no source sites, so the exploring run's
        // finding already has its final key, and replays cost two runs each. A race is keyed by its
        // accesses' tasks too, then by their source sites once replayed (Go: one report per pair).
        const key = findingKey(outcome.finding);
        if (seen.has(key)) continue;
        seen.add(key);
        const runOpts = traceOptions(opts, compat);
        const shrunk = opts.shrink
          ? await shrinkSchedule(outcome.choices, sameFinding(outcome.finding), (plan) =>
              runPlan(driver, prog, runOpts, run, plan),
            )
          : null;
        const failing = shrunk ? { ...outcome, choices: shrunk.choices } : outcome;
        const reproduced = await reproduce(
          driver,
          prog,
          runOpts,
          opts.program,
          strategy,
          run,
          failing,
          shrunk,
        );
        const sites = raceSitesKey(reproduced);
        if (sites !== null) {
          if (seen.has(sites)) continue;
          seen.add(sites);
        }
        findings.push(tree !== null ? { ...reproduced, subtree: tree.subtree } : reproduced);
        if (!opts.findAll) break;
      }
    } finally {
      if (compat) releaseCompat();
      restoreConsole?.();
    }
    const search = isExhaustive(strategy) ? strategy : null;
    const lateCall = takeLateCall(exploration);
    return {
      runs,
      findings,
      seed: opts.seed,
      strategy: strategy.name,
      compat,
      distinct: behaviours.size,
      ...(part !== null ? { fingerprints } : {}),
      ...(search !== null ? completeness(search, blind) : {}),
      ...(search?.sleepBlocked !== undefined ? { sleepBlocked: search.sleepBlocked } : {}),
      ...(lateCall !== null ? { lateCall } : {}),
    };
  });
}

/** Execute a planned schedule (shrinking): what it finds and how big it is. */
async function runPlan(
  driver: Driver,
  prog: Program,
  opts: TraceOptions,
  run: number,
  plan: readonly (number | null)[],
): Promise<PlannedRun> {
  const guided = new GuidedStrategy(plan);
  guided.beginRun();
  const out = await driver.execute(
    new ExplorerRuntime(guided, runOptions(opts, run, false), patchHost),
    prog.main,
  );
  return {
    finding: out.finding ? sameFinding(out.finding) : null,
    choices: [...guided.taken],
    steps: out.steps,
    preemptions: guided.preemptions,
  };
}

async function reproduce(
  driver: Driver,
  prog: Program,
  opts: TraceOptions,
  locator: ProgramLocator | null,
  strategy: Strategy,
  run: number,
  outcome: RunOutcome,
  shrunk: Shrunk | null,
): Promise<ExploredFinding> {
  const recorded = await driver.execute(
    new ExplorerRuntime(new IndexReplayStrategy(outcome.choices), runOptions(opts, run, true), patchHost),
    prog.main,
  );
  const events = recorded.events ?? [];
  // The culprit steps are read off the events this replay recorded, once, and travel with the finding.
  const found = recorded.finding
    ? { ...recorded.finding, culprits: findCulprits(recorded.finding, events) }
    : null;
  const trace: Trace = {
    format: 'interleave-trace',
    version: TRACE_VERSION,
    program: locator,
    options: opts,
    strategy: { name: strategy.name, params: strategy.params },
    run,
    choices: recorded.recordedChoices ?? [],
    events,
    finding: found,
    ...(shrunk ? { shrunk: { preemptions: shrunk.preemptions, steps: shrunk.steps } } : {}),
  };
  const again = await driver.execute(
    new ExplorerRuntime(new ReplayStrategy(trace.choices), runOptions(opts, run, true), patchHost),
    prog.main,
  );
  const problem = outsideWork(outcome.finding!, divergence(outcome, recorded, again));
  const finding = problem ?? found!;
  const finalTrace = problem ? { ...trace, finding } : trace;
  return { ...finding, run, trace: finalTrace, replay: encodeReplay(recipeOf(finalTrace)) };
}

export interface ReplayResult {
  readonly finding: Finding | null;
  readonly trace: Trace;
  /** Set when the program no longer fits the recorded choices. */
  readonly divergence: ReplayDivergence | null;
}

/**
 * Re-execute one recorded schedule and record it. With `continueAfterDivergence`, a program that no
 * longer fits the trace goes on from the divergence with a seeded random strategy.
 */
export async function replay(
  target: Program | (() => unknown),
  recipe: ReplayRecipe,
  opts: { continueAfterDivergence?: boolean; breakAt?: number } = {},
): Promise<ReplayResult> {
  const prog = toProgram(target);
  const cont = opts.continueAfterDivergence === true;
  const then = cont ? makeStrategy(resolveOptions({ seed: recipe.options.seed })) : null;
  const strategy = new ReplayStrategy(recipe.choices, then, cont);
  return exclusive(async (host) => {
    strategy.beginRun(0);
    const out = await new Driver(host).execute(
      new ExplorerRuntime(
        strategy,
        { ...runOptions(recipe.options, recipe.run, true), breakAt: opts.breakAt },
        patchHost,
      ),
      prog.main,
    );
    const events = out.events ?? [];
    const finding = out.finding ? { ...out.finding, culprits: findCulprits(out.finding, events) } : null;
    const trace: Trace = {
      format: 'interleave-trace',
      version: TRACE_VERSION,
      program: recipe.program,
      options: recipe.options,
      strategy: { name: 'replay', params: {} },
      run: recipe.run,
      choices: out.recordedChoices ?? [],
      events,
      finding,
    };
    return { finding, trace, divergence: strategy.divergence };
  });
}
