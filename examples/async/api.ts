/**
 * The two calls the corpus uses from interleave's plain-async API, `scheduled()` (fake I/O whose
 * completion is a scheduling choice) and `spawn()` (a concurrent caller as a task of its own).
 * interleave's own versions are being added to the package; until they are exported these
 * stand-ins keep the corpus compiling and behave as the real ones do outside an exploration
 * (they simply call `fn`). When the package exports them this file becomes a re-export.
 */
export function scheduled<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  _options: { name: string },
): (...args: A) => Promise<R> {
  return fn;
}

export function spawn<T>(fn: () => Promise<T>): Promise<T> {
  return fn();
}
