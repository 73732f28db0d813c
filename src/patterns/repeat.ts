/**
 * Generators for pipelines: endless streams (`repeat`, `repeatFn`) and their limit (`take`).
 */
import { chan, go, type Chan } from '../core.js';
import { doneOf, recvOrDone, sendOrDone, type Done, type In } from './done.js';

/** `values` cyclically (1 2 3 1 2 3 ...) until `done` fires; with no values, closed at once. */
export function repeat<T>(done: Done, ...values: T[]): Chan<T> {
  const d = doneOf(done);
  const out = chan<T>();
  if (values.length === 0) {
    out.close();
    return out;
  }
  go(async () => {
    try {
      for (;;) for (const v of values) if (!(await sendOrDone(d, out, v))) return;
    } finally {
      out.close();
    }
  }, 'repeat');
  return out;
}

/**
 * `fn()`, `fn()`, ... until `done` fires. A call in progress is not interrupted: if `fn` itself
 * blocks (on a channel, say), it must watch `done` too, or the task stays until it returns.
 */
export function repeatFn<T>(done: Done, fn: () => T | Promise<T>): Chan<T> {
  const d = doneOf(done);
  const out = chan<T>();
  go(async () => {
    try {
      for (;;) if (!(await sendOrDone(d, out, await fn()))) return;
    } finally {
      out.close();
    }
  }, 'repeatFn');
  return out;
}

/**
 * The first `n` values of `input` (fewer if it closes first), then closed. Unlike the seed's
 * `case out <- <-in:`, which receives from `in` before its select and so cannot see `done` while
 * `in` is silent, it selects on `done` while receiving as well as while sending.
 */
export function take<T>(done: Done, input: In<T>, n: number): Chan<T> {
  const d = doneOf(done);
  const out = chan<T>();
  go(async () => {
    try {
      for (let i = 0; i < n; i++) {
        const r = await recvOrDone(d, input);
        if (!r.ok || !(await sendOrDone(d, out, r.value))) return;
      }
    } finally {
      out.close();
    }
  }, 'take');
  return out;
}
