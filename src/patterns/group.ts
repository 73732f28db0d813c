/**
 * An errgroup (golang.org/x/sync/errgroup): tasks that share a context, the first error cancels it.
 */
import { go, WaitGroup, type context } from '../core.js';
import { contextOf, isHarnessError, toError, type Done } from './done.js';

export interface Group {
  /** Derived from the parent; canceled by the first error, or when `wait()` returns. */
  readonly ctx: context.Context;
  /**
   * Start `fn(ctx)` in a new task. With a `limit`, it waits for a slot, in submission order, without
   * blocking the caller; if the group's context is canceled before its turn, `fn` is not called.
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
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const wg = new WaitGroup();
  let first: Error | null = null;
  let running = 0;
  // Functions waiting for a slot, started in submission order (as Go's errgroup with SetLimit,
  // whose Go blocks the caller until a slot frees): a later one never overtakes an earlier one.
  const queued: ((ctx: context.Context) => void | Promise<void>)[] = [];

  const start = (fn: (ctx: context.Context) => void | Promise<void>): void => {
    running++;
    go(async () => {
      try {
        await fn(ctx);
      } catch (e) {
        if (isHarnessError(e)) throw e;
        if (first === null) {
          first = toError(e);
          cancel();
        }
      } finally {
        running--;
        startQueued();
        wg.done();
      }
    }, 'group.go');
  };

  const startQueued = (): void => {
    while (running < limit && queued.length > 0) {
      const fn = queued.shift()!;
      if (ctx.err() !== null)
        wg.done(); // canceled before its turn: not called
      else start(fn);
    }
  };

  return {
    ctx,
    go(fn) {
      wg.add(1);
      if (running < limit) start(fn);
      else queued.push(fn);
    },
    async wait() {
      await wg.wait();
      cancel();
      return first;
    },
  };
}
