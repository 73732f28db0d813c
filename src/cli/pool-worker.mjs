// The worker side of the CLI's thread pool (tinypool runs this file's default export once per task,
// in a fresh thread: isolateWorkers). Plain JavaScript, so the pool can load it before tsx exists in
// the thread. It starts the heartbeat at once, with the real setInterval captured before any program
// could fake timers, so beats flow while tsx compiles the job module and the user's file; then it
// registers tsx, which Node does not pass from the main thread to workers, for ESM and CommonJS (a
// .ts file in a package without "type": "module" loads as CommonJS), and runs the job. Beats and
// progress go through `port` (the CLI's watchdog listens there); the answer is the task's result,
// returned after `port` is closed, so the CLI has every message before it.
import { clearInterval as realClearInterval, setInterval as realSetInterval } from 'node:timers';

export default async function runTask({ job, root, beatMs, port }) {
  const beat = realSetInterval(() => port.postMessage({ type: 'beat' }), beatMs);
  port.postMessage({ type: 'beat' });
  // A program's own output goes to stderr, so that stdout stays the report (or the one JSON object).
  process.stdout.write = process.stderr.write.bind(process.stderr);
  try {
    const [esm, cjs] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
    esm.register();
    cjs.register();
    const { runPooledJob } = await import('./worker.ts');
    return await runPooledJob(
      job,
      root,
      (m) => port.postMessage(m),
      () => realClearInterval(beat),
    );
  } finally {
    realClearInterval(beat);
    port.close();
  }
}
