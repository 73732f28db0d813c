/**
 * The three ways an operation can fail, kept apart because Go keeps them apart:
 * a panic can be recovered (caught), a fatal error cannot, and a usage error is a bug in how
 * interleave itself is being called (wrong options, an operation outside its run).
 */

/** A Go panic. Rejects the operation; `catch` is Go's `recover`. Escaping a task, it is a finding. */
export class GoPanic extends Error {
  override readonly name = 'GoPanic';
  constructor(readonly goMessage: string) {
    super(goMessage);
  }
}

/**
 * A Go fatal error (`fatal error: ...`). The run has already ended when this is thrown; it only
 * unwinds the calling task's synchronous code. Catching it changes nothing: the run is over.
 */
export class GoFatalError extends Error {
  override readonly name = 'GoFatalError';
  constructor(readonly goMessage: string) {
    super(`fatal error: ${goMessage}`);
  }
}

/** Misuse of interleave's API. The message says what happened and what to do instead. */
export class InterleaveError extends Error {
  override readonly name = 'InterleaveError';
}

/**
 * Reads of a thrown value that may run user code (a getter, a Proxy trap, a `toString`): each one
 * that throws counts as absent, so describing a thrown value never throws itself.
 */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** `e` is a GoPanic, also from a second copy of interleave loaded in the same realm. Never throws. */
export function isPanicValue(e: unknown): e is GoPanic {
  return (
    attempt(
      () =>
        e instanceof GoPanic ||
        (e instanceof Error && e.name === 'GoPanic' && typeof (e as GoPanic).goMessage === 'string'),
    ) === true
  );
}

/** At most this many characters of a thrown value's text (a huge message stays one readable line). */
const MAX_THROWN_TEXT = 2000;

/**
 * A thrown value in words, as a panic's message shows it: a Go panic's text, an Error's `name:
 * message` (`message` alone for a plain Error), anything else as `String()` would show it. Never
 * throws: a value with no `toString` (`Object.create(null)`), a throwing getter or `toString`, or a
 * Proxy whose traps throw gets a description that names its type instead.
 */
export function describeThrown(e: unknown): string {
  const text = attempt(() => describeUnsafe(e)) ?? fallbackText(e);
  return text.length > MAX_THROWN_TEXT ? `${text.slice(0, MAX_THROWN_TEXT)}…` : text;
}

function describeUnsafe(e: unknown): string | undefined {
  if (isPanicValue(e)) return e.goMessage;
  if (e instanceof Error) {
    const name = String(e.name);
    const message = String(e.message);
    return name === 'Error' || name === 'InterleaveError' ? message : `${name}: ${message}`;
  }
  const s = String(e);
  return typeof s === 'string' ? s : undefined;
}

function fallbackText(e: unknown): string {
  if (typeof e !== 'object' || e === null) return `(a thrown ${typeof e})`;
  const proto = attempt((): unknown => Object.getPrototypeOf(e));
  if (proto === null) return '[Object: null prototype]';
  const ctor = attempt(() => (proto as { constructor?: { name?: unknown } }).constructor?.name);
  return typeof ctor === 'string' && ctor !== ''
    ? `(a thrown ${ctor} that cannot be shown as text)`
    : '(a thrown object that cannot be shown as text)';
}
