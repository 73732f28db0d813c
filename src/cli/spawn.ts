import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Tinypool } from 'tinypool';
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

const POOL_WORKER = new URL('./pool-worker.mjs', import.meta.url).href;

/** Run a job to its one answer. */
export async function runJob(
  job: Job,
  root: string,
  timeoutMs: number,
  onProgress?: (runs: number) => void,
  onStart?: () => void,
): Promise<Reply | TimedOut> {
  return (await runWorker(job, root, timeoutMs, () => true, onProgress, onStart))[0]!;
}

/**
 * Run a job that may answer several times (a list job that goes on to explore the file's first
 * program): collects answers until `isLast` says so, the worker stops beating, or it dies. The job
 * waits in the pool's queue until a thread is free; `onStart` is called when it begins (its first
 * beat), and only then does the watchdog start counting.
 */
export function runWorker(
  job: Job,
  root: string,
  timeoutMs: number,
  isLast: (r: Reply) => boolean,
  onProgress?: (runs: number) => void,
  onStart?: () => void,
): Promise<(Reply | TimedOut)[]> {
  const beatMs = Math.max(20, Math.min(1000, Math.floor(timeoutMs / 5)));
  const { port1, port2 } = new MessageChannel();
  const abort = new AbortController();
  return new Promise((resolve) => {
    const answers: (Reply | TimedOut)[] = [];
    let done = false;
    let started = false;
    let timer: NodeJS.Timeout | undefined;
    let phase: 'load' | 'run' = 'load';
    const finish = (r: Reply | TimedOut): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      port1.close();
      abort.abort(); // a thread still running (a timed-out loop) is terminated by the pool
      answers.push(r);
      resolve(answers);
    };
    const arm = (): void => {
      clearTimeout(timer);
      const ms = phase === 'load' ? Math.max(timeoutMs, LOAD_MS) : timeoutMs;
      timer = setTimeout(() => finish({ type: 'timeout', phase, ms }), ms);
    };
    port1.on('message', (m: Message) => {
      if (done) return;
      if (!started) {
        started = true;
        onStart?.();
      }
      if (m.type === 'loaded') phase = 'run';
      if (m.type === 'beat' || m.type === 'loaded' || m.type === 'progress') arm();
      if (m.type === 'progress') onProgress?.(m.runs);
      else if (m.type === 'beat' || m.type === 'loaded') return;
      else if (isLast(m)) finish(m);
      else answers.push(m);
    });
    // The answer is the task's result; it counts once the port has delivered every message before it.
    let answer: Reply | null = null;
    let drained = false;
    const settle = (): void => {
      if (answer !== null && drained) finish(answer);
    };
    port1.on('close', () => {
      drained = true;
      settle();
    });
    const input: WorkerInput = { job, root, beatMs, port: port2 };
    pool()
      .run(input, { transferList: [port2], signal: abort.signal })
      .then(
        (r: Reply | undefined) => {
          answer = r ?? failed('the worker ended without answering');
          settle();
        },
        (e: unknown) => finish(failed(`the worker stopped: ${e instanceof Error ? e.message : String(e)}`)),
      );
  });
}

function failed(message: string): Reply {
  return { type: 'failed', stage: 'run', message };
}

let shared: Tinypool | null = null;
let threads = defaultThreads();

/** Threads the pool may run at once (`--workers N`); call before the first job. */
export function setWorkers(n: number): void {
  threads = n;
}

/** Threads the pool runs at once. */
export function workerCount(): number {
  return threads;
}

/** Explorations are CPU-bound: one thread per core, a few at most. */
function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/**
 * The CLI's thread pool (tinypool): at most `threads` jobs at a time, queued in submission order,
 * each in a fresh thread (`isolateWorkers`: programs never share module state or faked globals),
 * and a thread that will not stop (a synchronous infinite loop) terminated when its job is aborted.
 */
function pool(): Tinypool {
  shared ??= new Tinypool({
    filename: POOL_WORKER,
    isolateWorkers: true,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 1_000,
  });
  return shared;
}

/** Let the process exit: no threads stay parked in the pool. */
export async function closePool(): Promise<void> {
  const p = shared;
  shared = null;
  await p?.destroy();
}
