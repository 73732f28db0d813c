import { explore, replay } from '../scheduler/explore.js';
import { makeStrategy, resolveOptions } from '../scheduler/options.js';
import type { Program } from '../scheduler/program.js';
import type { ReplayDivergence } from '../scheduler/replay.js';
import { BudgetStrategy } from './budget.js';
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
    // A time budget explores "forever" and lets the strategy stop it (see budget.ts).
    const runs = spec.budgetMs === null ? resolved.runs : Number.MAX_SAFE_INTEGER;
    const strategy = new BudgetStrategy(makeStrategy({ ...resolved, runs }), spec.budgetMs, (n) =>
      post({ type: 'progress', runs: n }),
    );
    let part = spec.part;
    if (part !== null && strategy.calibration === undefined && strategy.splitTree === undefined) {
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
    });
    return {
      type: 'explored',
      runs: result.runs,
      seed: result.seed,
      findings: result.findings.map((f) => portableFinding(f, root)),
      ...(spec.part !== null ? { fingerprints: result.fingerprints ?? [] } : {}),
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
