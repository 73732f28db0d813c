import { parentPort, workerData } from 'node:worker_threads';
import { explore, replay } from '../scheduler/explore.js';
import type { Program } from '../scheduler/program.js';
import type { ReplayDivergence } from '../scheduler/replay.js';
import { setSiteRoot } from '../scheduler/site.js';
import { loadModule, programNames, programOf } from './loader.js';
import { portableFinding, portableTrace } from './portable.js';
import type { DivergenceInfo, Job, Message, Reply, WorkerInput } from './protocol.js';
import { CliError } from './usage.js';

/*
 * The worker thread that loads one file and runs one job on it. Its bootstrap (spawn.ts) beats
 * every `beatMs` with the real setInterval, captured before any program could fake timers. A
 * program stuck in a synchronous loop stops the beats, and the CLI's watchdog terminates the
 * thread: the only way to stop such a loop, since it never returns to the event loop.
 */

const { job, root } = workerData as WorkerInput;
const port = parentPort!;
const post = (m: Message): void => port.postMessage(m);

setSiteRoot(root);
try {
  post(await run(job));
} catch (e) {
  post({ type: 'failed', stage: 'run', message: e instanceof Error ? e.message : String(e) });
} finally {
  (globalThis as { __interleaveStopBeat?: () => void }).__interleaveStopBeat?.();
}

async function run(job: Job): Promise<Reply> {
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
    const overrides = job.kind === 'list' ? job.explore : job.overrides;
    const result = await explore(prog, { ...overrides, program: { file: job.file, export: name } });
    return {
      type: 'explored',
      runs: result.runs,
      findings: result.findings.map((f) => portableFinding(f, root)),
    };
  }
  const result = await replay(prog, job.recipe, { continueAfterDivergence: job.cont });
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
