import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Job, Message, Reply, TimedOut, WorkerInput } from './protocol.js';

/*
 * Runs a job in a worker thread under a wall-clock watchdog. The worker beats every `beatMs`; if
 * nothing arrives for `timeoutMs` while the program runs, its thread is stuck in synchronous code
 * (an infinite loop cannot be interrupted from inside) and is terminated.
 *
 * While the worker is still importing, beats can stall for reasons of Node's, not the program's:
 * on Node 20 the thread blocks while tsx's hooks thread compiles, which on a busy machine takes
 * seconds. So the load phase gets at least LOAD_MS; a loop at a module's top level is still caught.
 */
const LOAD_MS = 10_000;

const TSX_ESM = import.meta.resolve('tsx/esm/api');
const TSX_CJS = import.meta.resolve('tsx/cjs/api');
const WORKER = new URL('./worker.ts', import.meta.url).href;

/*
 * An eval'd bootstrap (CommonJS): it starts the heartbeat at once, with the real setInterval, so
 * beats flow while tsx compiles the worker and the user's file (tsx's hooks run on their own
 * thread); then it registers tsx, which Node 20 does not pass from the main thread to workers,
 * for ESM and for CommonJS (a .ts file in a package without "type": "module" loads as CommonJS),
 * and imports the TypeScript worker module.
 */
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
const beat = setInterval(() => parentPort.postMessage({ type: 'beat' }), workerData.beatMs);
parentPort.postMessage({ type: 'beat' });
globalThis.__interleaveStopBeat = () => clearInterval(beat);
Promise.all([import(${JSON.stringify(TSX_ESM)}), import(${JSON.stringify(TSX_CJS)})])
  .then(([esm, cjs]) => { esm.register(); cjs.register(); return import(${JSON.stringify(WORKER)}); });
`;

/** Run a job to its one answer. */
export async function runJob(
  job: Job,
  root: string,
  timeoutMs: number,
  onProgress?: (runs: number) => void,
): Promise<Reply | TimedOut> {
  return (await runWorker(job, root, timeoutMs, () => true, onProgress))[0]!;
}

/**
 * Run a job that may answer several times (a list job that goes on to explore the file's first
 * program): collects answers until `isLast` says so, the worker stops beating, or it dies.
 */
export function runWorker(
  job: Job,
  root: string,
  timeoutMs: number,
  isLast: (r: Reply) => boolean,
  onProgress?: (runs: number) => void,
): Promise<(Reply | TimedOut)[]> {
  const beatMs = Math.max(20, Math.min(1000, Math.floor(timeoutMs / 5)));
  const input: WorkerInput = { job, root, beatMs };
  let worker: Worker;
  try {
    worker = new Worker(BOOTSTRAP, { eval: true, workerData: input, stdout: true, stderr: true });
  } catch (e) {
    const message = `could not start a worker: ${e instanceof Error ? e.message : String(e)}`;
    return Promise.resolve([{ type: 'failed', stage: 'run', message }]);
  }
  // A program's own output goes to stderr, so that stdout stays the report (or the one JSON object).
  worker.stdout.pipe(process.stderr, { end: false });
  worker.stderr.pipe(process.stderr, { end: false });
  return new Promise((resolve) => {
    const answers: (Reply | TimedOut)[] = [];
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    let phase: 'load' | 'run' = 'load';
    const finish = (r: Reply | TimedOut): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      answers.push(r);
      resolve(answers);
    };
    const arm = (): void => {
      clearTimeout(timer);
      const ms = phase === 'load' ? Math.max(timeoutMs, LOAD_MS) : timeoutMs;
      timer = setTimeout(() => finish({ type: 'timeout', phase, ms }), ms);
    };
    arm();
    worker.on('message', (m: Message) => {
      if (done) return;
      if (m.type === 'loaded') phase = 'run';
      if (m.type === 'beat' || m.type === 'loaded' || m.type === 'progress') arm();
      if (m.type === 'progress') onProgress?.(m.runs);
      else if (m.type === 'beat' || m.type === 'loaded') return;
      else if (isLast(m)) finish(m);
      else answers.push(m);
    });
    worker.on('error', (e) => finish({ type: 'failed', stage: 'run', message: e.message }));
    worker.on('exit', (code) =>
      finish({
        type: 'failed',
        stage: 'run',
        message: `the worker exited with code ${code} before answering`,
      }),
    );
  });
}

/** At most `n` jobs at a time (one per core, a few at most: explorations are CPU-bound). */
export function limiter(n = Math.max(1, Math.min(availableParallelism(), 4))) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    // A finished job hands its slot to the next waiter directly, so no newcomer can jump in between.
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    else active++;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
