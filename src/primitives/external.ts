import { InterleaveError } from '../base/errors.js';
import { callRuntime, direct, runAsCall } from './calls.js';
import { nameOption, type NameOptions } from './name.js';

/**
 * Wait for work outside interleave's primitives — a fake fetch, a promise-based library — as part of
 * the run: `const user = await external(() => fakeFetch(id))`. `fn` starts the work at once (in the
 * calling task); when its answer reaches the caller is a scheduling choice (a task of its own, as
 * with `scheduled`), so answers overtake each other, any number are in flight per task, and work
 * nobody awaits is fine as long as it settles. For a deterministic exploration the work must settle
 * without real I/O (resolved promises, or timers, which run on the virtual clock): work that only
 * the outside world can settle is reported as an outside await.
 */
export function external<T>(fn: () => T | PromiseLike<T>, options?: NameOptions): Promise<Awaited<T>> {
  if (typeof fn !== 'function') throw new InterleaveError(`external() takes a function, got ${typeof fn}`);
  const name = nameOption(options, 'external()') ?? 'external';
  const rt = callRuntime('external');
  const work = direct(fn);
  if (rt === null) return work;
  // Handled when its answer is delivered, which may be steps later: not an unhandled rejection now.
  work.catch(() => {});
  return runAsCall(rt, () => work, {
    name,
    call: { kind: 'external', args: [] },
    latent: true,
    answerIsAStep: false,
  });
}
