/**
 * Confinement: one owner task writes and closes the channel; everyone else only reads it.
 */
import { chan, go, type Chan } from '../core.js';
import { doneOf, sendOrDone, type Done } from './done.js';

/** Values to produce: an iterable, an async iterable, or a function making one (called by the owner). */
export type Source<T> = Iterable<T> | AsyncIterable<T> | (() => Iterable<T> | AsyncIterable<T>);

/**
 * A channel (capacity `buffer`, default 0) that one task fills with the values of `source`, in order,
 * then closes. The task stops (and closes) when `done` fires, between values: a source that itself
 * blocks (an async generator awaiting a channel) must watch `done` too, or the task waits for it.
 */
export function produce<T>(done: Done, source: Source<T>, buffer = 0): Chan<T> {
  const d = doneOf(done);
  const out = chan<T>(buffer);
  go(async () => {
    try {
      const values = typeof source === 'function' ? source() : source;
      if (Symbol.asyncIterator in values) {
        for await (const v of values) if (!(await sendOrDone(d, out, v))) return;
      } else {
        for (const v of values) if (!(await sendOrDone(d, out, v))) return;
      }
    } finally {
      out.close();
    }
  }, 'produce');
  return out;
}
