import { explore, replay } from '../explore/explore.js';
import { completenessOf } from '../explore/completeness.js';
import { DfsStrategy } from '../strategies/dfs.js';
import { DporStrategy } from '../strategies/dpor/dpor.js';
import { makeStrategy, resolveOptions, type ResolvedOptions } from '../explore/options.js';
import type { Strategy } from '../strategies/strategy.js';
import {
  isIndexAddressable,
  isResumable,
  isTreeSplittable,
  type ResumableStrategy,
} from '../strategies/capabilities.js';
import type { Program } from '../explore/program.js';
import type { ReplayDivergence } from '../strategies/replay.js';
import { budgetHook } from './budget.js';
import { loadModule, programNames, programOf } from './loader.js';
import { portableFinding, portableTrace } from './portable.js';
import type { DivergenceInfo, Job, Message, Reply } from './protocol.js';
import { CliError } from './usage.js';

/**
 * Load a file and run one job on it. Normally inside a worker (worker.ts), under the CLI's watchdog;
 * `replay --break-at` runs it in the CLI's own thread, so a debugger attached to the command stops
 * in it directly. `breakAt` is honoured by replay jobs only.
 */
export async function runJobHere(
  job: Job,
  root: string,
  post: (m: Message) => void,
  breakAt?: number,
): Promise<Reply> {
  let prog: Program;
  let name: string;
  try {
    const mod = await loadModule(job.file, root);
    if (job.kind === 'list') {
      const exports = programNames(mod);
      if (!job.explore || exports.length === 0) return { type: 'listed', exports };
      post({ type: 'listed', exports });
      name = exports[0]!;
    } else {
      name = job.export;
    }
    prog = programOf(mod, name, job.file);
    post({ type: 'loaded' });
  } catch (e) {
    if (e instanceof CliError) return { type: 'failed', stage: 'load', message: e.message };
    throw e;
  }
  if (job.kind !== 'replay') {
    const spec = job.explore!;
    // The CLI's default strategy is the portfolio, unless the program or --strategy names one.
    const resolved = resolveOptions({ strategy: 'portfolio', ...prog.options, ...spec.overrides });
    // A time budget explores "forever" and lets its hook stop it (see budget.ts).
    const runs = spec.budgetMs === null ? resolved.runs : Number.MAX_SAFE_INTEGER;
    const saved = job.kind === 'explore' ? (job.frontier ?? null) : null;
    const strategy = saved ? resumed(resolved, saved) : makeStrategy({ ...resolved, runs });
    if (typeof strategy === 'string') return { type: 'failed', stage: 'run', message: strategy };
    let part = spec.part;
    if (part !== null && !isIndexAddressable(strategy) && !isTreeSplittable(strategy)) {
      // DPOR's search splits neither by run index nor by subtree: one part explores it whole.
      const ordinal = job.kind === 'explore' ? (job.ordinal ?? 0) : 0;
      if (ordinal % part.count !== part.index) {
        return { type: 'explored', runs: 0, seed: resolved.seed, findings: [], fingerprints: [], idle: true };
      }
      part = null;
    }
    const result = await explore(prog, {
      ...spec.overrides,
      runs,
      strategy,
      findAll: spec.findAll || resolved.findAll,
      program: { file: job.file, export: name },
      part,
      beforeRun: budgetHook(spec.budgetMs, (n) => post({ type: 'progress', runs: n })),
    });
    // --verbose: the one note about late continuations, once the program's runs are over.
    if (result.lateCall && spec.overrides.console === 'print') {
      process.stderr.write(`interleave: ${job.file}#${name}: note: ${result.lateCall}\n`);
    }
    return {
      type: 'explored',
      runs: result.runs,
      seed: result.seed,
      findings: result.findings.map((f) => portableFinding(f, root)),
      ...(result.complete !== undefined ? { completeness: completenessOf(result) } : {}),
      ...(spec.part !== null ? { fingerprints: result.fingerprints ?? [] } : {}),
      ...checkpointOf(strategy),
    };
  }
  const result = await replay(prog, job.recipe, { continueAfterDivergence: job.cont, breakAt });
  const trace = portableTrace({ ...result.trace, finding: result.finding }, root);
  return {
    type: 'replayed',
    finding: trace.finding,
    trace,
    divergence: result.divergence ? divergenceInfo(result.divergence) : null,
  };
}

function divergenceInfo(d: ReplayDivergence): DivergenceInfo {
  return {
    message: d.message,
    step: d.step,
    expected: { kind: d.expected.kind, id: d.expected.id },
    actual: [...d.actual],
  };
}

/** What `--checkpoint` keeps of a search: its frontier, or that it is complete. */
function checkpointOf(s: Strategy): {
  checkpoint?: { strategy: string; frontier: string | null; complete: boolean };
} {
  if (!isResumable(s)) return {};
  const complete = s.complete;
  return { checkpoint: { strategy: s.name, frontier: complete ? null : s.frontier(), complete } };
}

/** The program's search, resumed from a checkpoint; a string says why it cannot be. */
function resumed(
  o: ResolvedOptions,
  saved: { strategy: string; frontier: string | null },
): Strategy | string {
  const name = typeof o.strategy === 'string' ? o.strategy : o.strategy.name;
  if (name !== saved.strategy) {
    return (
      `the checkpoint holds a ${saved.strategy} search for this program, but it now explores with ${name}; ` +
      `delete its entry from the checkpoint file (or the file) to start over`
    );
  }
  const bound = o.preemptionBound ?? Number.POSITIVE_INFINITY;
  try {
    if (saved.frontier === null) return new Finished(name); // complete: nothing left to explore
    if (name === 'dfs') return DfsStrategy.resume(saved.frontier, bound, o.maxUnfairSteps);
    if (name === 'dpor')
      return DporStrategy.resume(saved.frontier, o.maxUnfairSteps, o.preemptionBound ?? undefined);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  return `--checkpoint resumes dfs and dpor searches; this program explores with ${name}`;
}

/** A search the checkpoint says is complete: it runs nothing, and stays complete. */
class Finished implements ResumableStrategy {
  readonly params = {};
  readonly complete = true;
  constructor(readonly name: string) {}
  beginRun(): boolean {
    return false;
  }
  choose(): number {
    return 0;
  }
  endRun(): void {}
  frontier(): string {
    return '';
  }
}
