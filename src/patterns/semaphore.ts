/**
 * Queuing with a buffered channel as a semaphore: a slot is a value in the buffer.
 */
import { chan, go, GoPanic, select, WaitGroup, type Chan } from '../core.js';
import { doneErr, doneOf, type Done } from './done.js';
import { attempt, err, type Result } from './result.js';

/** At most `capacity` holders at once: `acquire` sends into a buffered channel, `release` receives. */
export class Semaphore {
  private readonly slots: Chan<void>;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`Semaphore: capacity must be an integer ≥ 1, got ${capacity}`);
    }
    this.slots = chan<void>(capacity);
  }

  /**
   * Wait for a slot: `true` once acquired, `false` if `done` fired first (nothing is held then). When
   * both are possible at once, either may happen, as with Go's select.
   */
  async acquire(done: Done = null): Promise<boolean> {
    const r = await select([{ send: this.slots, value: undefined }, { recv: doneOf(done) }]);
    return r.index === 0;
  }

  /** Take a slot if one is free now. */
  async tryAcquire(): Promise<boolean> {
    const r = await select([{ send: this.slots, value: undefined }, { default: true }]);
    return r.index === 0;
  }

  /** Give a slot back. Panics (Go's x/sync text) if none is held. Never blocks. */
  async release(): Promise<void> {
    if (this.slots.len() === 0) throw new GoPanic('semaphore: released more than held');
    await this.slots.recv();
  }

  /** Slots held now. */
  held(): number {
    return this.slots.len();
  }
}

/**
 * The seed's queuing example as a function: runs `jobs`, each in its own task, at most `n` at once;
 * the caller acquires a slot before starting each job, and waits for all started jobs. Results are
 * in job order. Once `done` fires no further job starts: those get `{ ok: false, error }` with the
 * context's error (`context.canceled` for a done channel).
 */
export async function limit<R>(
  done: Done,
  n: number,
  jobs: Iterable<() => R | Promise<R>>,
): Promise<Result<R>[]> {
  const sem = new Semaphore(n);
  const wg = new WaitGroup();
  const results: Result<R>[] = [];
  let canceled = false;
  let i = 0;
  for (const job of jobs) {
    const index = i++;
    if (canceled || !(await sem.acquire(done))) {
      canceled = true;
      results[index] = err(doneErr(done));
      continue;
    }
    wg.add(1);
    go(async () => {
      try {
        results[index] = await attempt(job);
      } finally {
        await sem.release();
        wg.done();
      }
    }, 'limit.job');
  }
  await wg.wait();
  return results;
}
