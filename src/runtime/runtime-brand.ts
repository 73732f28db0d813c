/*
 * Which objects are runtimes (the explorer's and free mode's), for code that must recognize one
 * without importing either class: the recorder's value summaries print a runtime as
 * `[interleave run]`, never its fields. Each runtime class brands its prototype once (a run is
 * made per schedule: branding each instance in a weak set cost every run a weak-table entry).
 */

const BRAND = Symbol('interleave runtime');

/** Marks the instances of runtime class `ctor` as runtimes. */
export function brandRuntimeClass(ctor: abstract new (...args: never[]) => object): void {
  Object.defineProperty(ctor.prototype, BRAND, { value: true });
}

/** `x instanceof AnyRuntime`: `x` is a runtime of this copy of interleave. */
export abstract class AnyRuntime {
  static [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === 'object' && x !== null && (x as { [BRAND]?: boolean })[BRAND] === true;
  }
}
