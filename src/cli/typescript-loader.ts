/*
 * The CLI loads a user's TypeScript programs (.ts, .mts, .cts) with no setup on their side, through
 * tsx, registered the first time such a file is loaded, in the thread that loads it (Node does not
 * pass loader hooks from one thread to another). JavaScript programs load as Node loads them, and
 * the library itself never needs a TypeScript loader.
 */

const REGISTERED = Symbol.for('interleave.typescript');
const AWAITS_REGISTERED = Symbol.for('interleave.await-points');

export function isTypeScript(file: string): boolean {
  return /\.[cm]?tsx?$/.test(file);
}

/** Register tsx for ESM and CommonJS (a .ts file in a package without "type": "module" is CommonJS). */
export async function registerTypeScript(): Promise<void> {
  const flags = globalThis as { [REGISTERED]?: boolean };
  if (flags[REGISTERED]) return;
  flags[REGISTERED] = true;
  const [esm, cjs] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
  esm.register();
  cjs.register();
}

/**
 * Rewrite the plain awaits of every ES module loaded from now on in this thread, the program's
 * own files only (transform/await-hooks.mjs): registered after tsx, so it sees tsx's JavaScript.
 */
export async function registerAwaitPoints(): Promise<void> {
  const flags = globalThis as { [AWAITS_REGISTERED]?: boolean };
  if (flags[AWAITS_REGISTERED]) return;
  flags[AWAITS_REGISTERED] = true;
  const { register } = await import('node:module');
  register(new URL('../transform/await-hooks.mjs', import.meta.url));
}
