import { parentPort, workerData } from 'node:worker_threads';
import { setSiteRoot } from '../scheduler/site.js';
import { runJobHere } from './job.js';
import type { Message, WorkerInput } from './protocol.js';

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
  post(await runJobHere(job, root, post));
} catch (e) {
  post({ type: 'failed', stage: 'run', message: e instanceof Error ? e.message : String(e) });
} finally {
  (globalThis as { __interleaveStopBeat?: () => void }).__interleaveStopBeat?.();
}
