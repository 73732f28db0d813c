/**
 * A worker pool: a fixed number of workers pull tasks from one bounded channel and send results to
 * one channel, closed after every worker has exited.
 */
import { Chan, chan, go, WaitGroup, type context } from '../core.js';
import { contextOf, doneOf, recvOrDone, sendOrDone, type Done, type In } from './done.js';
import { produce, type Source } from './produce.js';
import { attempt, type Result } from './result.js';

export interface WorkerPoolOptions<T, R> {
  /** How many workers (≥ 1): at most this many `handle` calls run at once. */
  readonly workers: number;
  /**
   * A channel you own (close it when you have submitted everything), or values the pool feeds itself
   * (an iterable, async iterable, or a function making one, as for `produce`).
   */
  readonly tasks: In<T> | Source<T>;
  /** Process one task. `ctx` is canceled with `done`. A throw becomes `{ ok: false, error }`. */
  readonly handle: (task: T, ctx: context.Context) => R | Promise<R>;
  /**
   * Capacity of the task channel the pool fills from an iterable (default: `workers`): the feeder
   * blocks when it is full, which is the backpressure. Ignored when `tasks` is a channel.
   */
  readonly queue?: number;
}

/**
 * One `Result` per task processed, in completion order. Shuts down cleanly both ways: when the task
 * channel closes (every task is processed and its result delivered), and when `done` fires (workers,
 * feeder and closer all exit, whether or not anyone still reads the results).
 */
export function workerPool<T, R>(done: Done, options: WorkerPoolOptions<T, R>): Chan<Result<R>> {
  const { workers, tasks, handle, queue = workers } = options;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`workerPool: workers must be an integer ≥ 1, got ${workers}`);
  }
  const d = doneOf(done);
  const input: In<T> =
    tasks === null || tasks === undefined || tasks instanceof Chan ? tasks : produce(done, tasks, queue);
  const results = chan<Result<R>>();
  const [ctx, cancel] = contextOf(done);
  const wg = new WaitGroup();
  wg.add(workers);
  for (let w = 0; w < workers; w++) {
    go(async () => {
      try {
        for (;;) {
          const r = await recvOrDone(d, input);
          if (!r.ok) return;
          const result = await attempt(() => handle(r.value, ctx));
          if (!(await sendOrDone(d, results, result))) return;
        }
      } finally {
        wg.done();
      }
    }, 'worker');
  }
  go(async () => {
    await wg.wait();
    cancel();
    results.close();
  }, 'workerPool.closer');
  return results;
}
