/*
 * One exploration at a time per realm, whatever calls it. explore() queues by itself, but it also
 * refuses to start while any run is in flight (its guard against nesting), and under
 * `test.concurrent` another test's run is in flight when the next test calls it. So the plugin's
 * explorations and replays go through this one queue, kept on globalThis so that two copies of
 * the module (Vitest can load one per test file) share it.
 */
const KEY = Symbol.for('interleave.vitest.queue');

type Holder = { [KEY]?: Promise<unknown> };

export function serial<T>(fn: () => Promise<T>): Promise<T> {
  const g = globalThis as Holder;
  const prev = g[KEY] ?? Promise.resolve();
  const next = prev.then(() => fn());
  g[KEY] = next.catch(() => undefined);
  return next;
}
