import { InterleaveError } from '../base/errors.js';

/**
 * The options every synchronization object takes as its optional last argument, after Go's own:
 * `chan<Job>(10, { name: 'jobs' })`, `new Mutex({ name: 'mu' })`. A name only changes what a person
 * reads: the object shows as `chan#2 (jobs)` in events, findings, dumps and reports, while replay
 * strings and choices keep naming it `chan#2`.
 */
export interface NameOptions {
  /** A short name for the object: printable characters, at most {@link MAX_NAME_LENGTH}. */
  readonly name?: string;
}

/** The longest name an object may have. */
export const MAX_NAME_LENGTH = 64;

/** Control, format, unassigned and private-use characters, and line or paragraph separators. */
const UNPRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;

/**
 * The name in `options` (the last argument of `what`), checked: undefined when none was given, an
 * InterleaveError in one line when it is not a non-empty printable string of reasonable length.
 */
export function nameOption(options: NameOptions | undefined, what: string): string | undefined {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object')
    throw new InterleaveError(
      `${what}: options must be an object such as { name: 'jobs' }, not ${options === null ? 'null' : typeof options}`,
    );
  const unknown = Object.keys(options).find((key) => key !== 'name');
  if (unknown !== undefined)
    throw new InterleaveError(`${what}: unknown option '${unknown}' (the one option is name)`);
  const name: unknown = options.name;
  if (name === undefined) return undefined;
  if (typeof name !== 'string')
    throw new InterleaveError(`${what}: name must be a string, not ${typeof name}`);
  if (name.trim() === '') throw new InterleaveError(`${what}: name must not be empty or blank`);
  if (name.length > MAX_NAME_LENGTH)
    throw new InterleaveError(
      `${what}: name is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`,
    );
  if (UNPRINTABLE.test(name))
    throw new InterleaveError(
      `${what}: name ${JSON.stringify(name)} has a character that does not print (control or separator)`,
    );
  return name;
}

/** Whether `value` is an options object `{ name }` and nothing else (chan's second argument). */
export function isNameOnly(value: unknown): value is NameOptions {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Reflect.ownKeys(value);
  return keys.length === 1 && keys[0] === 'name';
}
