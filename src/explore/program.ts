import { InterleaveError } from '../base/errors.js';
import type { ExploreOptions } from './options.js';

const BRAND = Symbol.for('interleave.program');

/** A program to explore: its `main` (task 1) and the options it is explored with by default. */
export interface Program {
  readonly [BRAND]: true;
  readonly main: () => unknown;
  readonly options: ExploreOptions;
}

/**
 * Declare a program. `interleave check` explores every exported program of the files it is given:
 *
 * ```ts
 * export const pingPong = program(async () => { const ch = chan<number>(); go(() => ch.send(1)); await ch.recv(); });
 * ```
 */
export function program(main: () => unknown, options: ExploreOptions = {}): Program {
  if (typeof main !== 'function')
    throw new InterleaveError(`program() takes a main function, got ${typeof main}`);
  return { [BRAND]: true, main, options };
}

export function isProgram(x: unknown): x is Program {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;
}

export function toProgram(target: Program | (() => unknown)): Program {
  if (isProgram(target)) return target;
  if (typeof target === 'function') return program(target);
  throw new InterleaveError('explore() takes a program(...) or a main function');
}
