import { InterleaveError } from '../base/errors.js';
import { callRuntime, direct, runAsCall } from './calls.js';
import { nameOption, type NameOptions } from './name.js';

/**
 * Wrap an async dependency (a fetch, a database call, a fake of one) so that, under exploration,
 * every call is a scheduling choice: `fn(...args)` runs in a task of its own that starts when the
 * strategy picks it, virtual time may pass first (a timer can fire while the call is in flight),
 * and its answer goes to the caller's promise. Calls overtake each other, any number are in flight
 * per task, and a call nobody awaits is fine as long as it settles. Traces show each call as
 * `call#N (name)` with its arguments and its result. Outside an exploration, and in free mode, the
 * wrapper just calls `fn`.
 *
 * ```ts
 * const fetchUser = scheduled(async (id: string) => ({ id }), { name: 'fetchUser' });
 * ```
 */
export function scheduled<A extends unknown[], R>(
  fn: (...args: A) => R | PromiseLike<R>,
  options?: NameOptions,
): (...args: A) => Promise<Awaited<R>> {
  if (typeof fn !== 'function') throw new InterleaveError(`scheduled() takes a function, got ${typeof fn}`);
  const name = nameOption(options, 'scheduled()') ?? (fn.name || 'call');
  return (...args: A): Promise<Awaited<R>> => {
    const rt = callRuntime('scheduled');
    if (rt === null) return direct(() => fn(...args));
    return runAsCall(rt, () => fn(...args), {
      name,
      call: { kind: 'call', args },
      latent: true,
      answerIsAStep: true,
    });
  };
}
