/**
 * An errgroup (golang.org/x/sync/errgroup): tasks that share a context, the first error cancels it.
 */
import { go, WaitGroup, type context } from '../index.js';
import { contextOf, isHarnessError, toError, type Done } from './done.js';
import { Semaphore } from './semaphore.js';

export interface Group {
  /** Derived from the parent; canceled by the first error, or when `wait()` returns. */
  readonly ctx: context.Context;
  /**
   * Start `fn(ctx)` in a new task. With a `limit`, the task first waits for a slot; if the group's
   * context is canceled before it gets one, `fn` is not called.
   */
  go(fn: (ctx: context.Context) => void | Promise<void>): void;
  /** Wait for every task; the first error thrown by any of them (`null` if none). Cancels `ctx`. */
  wait(): Promise<Error | null>;
}

/**
 * A group whose context derives from `parent`. The first `fn` to throw sets the group's error and
 * cancels the context, so the others can stop. A Go panic thrown by `fn` is not an error: it
 * escapes the task, as in Go. Call `wait()`: it also stops the task that watches a done channel.
 */
export function group(parent: Done, options: { readonly limit?: number } = {}): Group {
  const [ctx, cancel] = contextOf(parent);
  const sem = options.limit === undefined ? null : new Semaphore(options.limit);
  const wg = new WaitGroup();
  let first: Error | null = null;
  return {
    ctx,
    go(fn) {
      wg.add(1);
      go(async () => {
        try {
          if (sem && !(await sem.acquire(ctx))) return;
          try {
            await fn(ctx);
          } catch (e) {
            if (isHarnessError(e)) throw e;
            if (first === null) {
              first = toError(e);
              cancel();
            }
          } finally {
            if (sem) await sem.release();
          }
        } finally {
          wg.done();
        }
      }, 'group.go');
    },
    async wait() {
      await wg.wait();
      cancel();
      return first;
    },
  };
}
