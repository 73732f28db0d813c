/*
 * Which objects are runtimes (the explorer's and free mode's), for code that must recognize one
 * without importing either class: the recorder's value summaries print a runtime as
 * `[interleave run]`, never its fields. Each runtime brands itself when it is made.
 */

const runtimes = new WeakSet<object>();

/** Marks `rt` as a runtime. */
export function brandRuntime(rt: object): void {
  runtimes.add(rt);
}

/** `x instanceof AnyRuntime`: `x` is a runtime of this copy of interleave. */
export abstract class AnyRuntime {
  static [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === 'object' && x !== null && runtimes.has(x);
  }
}
