// The worker side of the CLI's thread pool (tinypool runs this file's default export once per task,
// in a fresh thread: isolateWorkers). Plain JavaScript, so that it loads as is both beside the
// compiled CLI (dist/cli, the package) and beside the sources (src/cli, the repository's own tests).
// It starts the heartbeat at once, with the real setInterval captured before any program could fake
// timers, so beats flow while the job module and the user's file load; then it runs the job. Beats
// and progress go through `port` (the CLI's watchdog listens there); the answer is the task's
// result, returned after `port` is closed, so the CLI has every message before it.
import { existsSync } from 'node:fs';
import { clearInterval as realClearInterval, setInterval as realSetInterval } from 'node:timers';

const compiled = new URL('./worker.js', import.meta.url);

export default async function runTask({ job, root, beatMs, port }) {
  const beat = realSetInterval(() => port.postMessage({ type: 'beat' }), beatMs);
  port.postMessage({ type: 'beat' });
  // A program's own output goes to stderr, so that stdout stays the report (or the one JSON object).
  process.stdout.write = process.stderr.write.bind(process.stderr);
  try {
    const { runPooledJob } = existsSync(compiled) ? await import(compiled.href) : await importSources();
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

/**
 * Beside the sources (the repository's tests call the CLI in-process): load worker.ts through tsx,
 * and send a program's `import 'interleave'` to the same sources, so that the program and the job
 * share one runtime (the package's exports name dist/, a second copy).
 */
async function importSources() {
  const [{ register }, esm, cjs] = await Promise.all([
    import('node:module'),
    import('tsx/esm/api'),
    import('tsx/cjs/api'),
  ]);
  esm.register();
  cjs.register();
  globalThis[Symbol.for('interleave.typescript')] = true; // what typescript-loader.ts checks
  const src = new URL('..', import.meta.url).href;
  const hooks = `
    const map = { 'interleave': ${JSON.stringify(`${src}index.ts`)}, 'interleave/vitest': ${JSON.stringify(`${src}vitest/index.ts`)} };
    export async function resolve(specifier, context, next) {
      return next(map[specifier] ?? specifier, context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
  return import('./worker.ts');
}
