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
