import { InterleaveError } from '../base/errors.js';
import { callRuntime, direct, runAsCall } from './calls.js';
import { nameOption, type NameOptions } from './name.js';

/**
 * Start `fn` as a task, like `go`, and get its result: a concurrent caller of plain async code.
 * `await Promise.all([spawn(() => cache.get('42')), spawn(() => cache.get('42'))])` runs two callers
 * whose steps the explorer interleaves. A rejection goes to whoever awaits the promise (it is not a
 * panic by itself); one nobody handles is Node's unhandled rejection, a finding. Outside an
 * exploration, and in free mode, it calls `fn` in a microtask.
 */
export function spawn<T>(fn: () => T | PromiseLike<T>, options?: NameOptions): Promise<Awaited<T>> {
  if (typeof fn !== 'function') throw new InterleaveError(`spawn() takes a function, got ${typeof fn}`);
  const name = nameOption(options, 'spawn()') ?? fn.name;
  const rt = callRuntime('spawn');
  if (rt === null) return Promise.resolve().then(() => direct(fn));
  return runAsCall(rt, fn, { name, call: null, latent: false, answerIsAStep: false });
}
