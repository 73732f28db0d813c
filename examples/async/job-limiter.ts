/**
 * A queue with a concurrency limit that lets two jobs run at once. The limiter checks its running
 * count, then awaits a worker slot from the pool, and only then counts the job: two jobs submitted
 * together both pass the check. NangoHQ/nango#2231 ("my implementation of a queue with max
 * concurrency was very wrong. It was actually not limiting anything") replaced such a hand-made
 * limiter; the fix here counts the job before the first await, so the check and the count are one
 * step.
 */

/** The fake worker pool: a job asked to run while another runs is the failure. */
export class FakeWorkerPool {
  private running = 0;
  reserve = async (): Promise<void> => {};
  run = async (job: string): Promise<string> => {
    if (++this.running > 1) throw new Error('two jobs running at once (limit 1)');
    return job;
  };
  finish(): void {
    this.running--;
  }
}

export interface Limiter {
  submit(job: string): Promise<string>;
}

/** As first written: check, await a slot, then count. */
export class CheckThenCountLimiter implements Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly pool: FakeWorkerPool) {}

  async submit(job: string): Promise<string> {
    if (this.active >= 1) await new Promise<void>((resolve) => this.waiting.push(resolve));
    await this.pool.reserve();
    this.active++;
    try {
      return await this.pool.run(job);
    } finally {
      this.pool.finish();
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** Fixed: the job is counted in the step that checks the limit; a finishing job hands its slot on. */
export class CountFirstLimiter implements Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly pool: FakeWorkerPool) {}

  async submit(job: string): Promise<string> {
    if (this.active >= 1) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    await this.pool.reserve();
    try {
      return await this.pool.run(job);
    } finally {
      this.pool.finish();
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** The pool with its two calls wrapped as fake I/O. */
export function scheduledPool(): FakeWorkerPool {
  const pool = new FakeWorkerPool();
  pool.reserve = scheduled(pool.reserve, { name: 'reserve' });
  pool.run = scheduled(pool.run, { name: 'run' });
  return pool;
}

async function twoJobs(make: (pool: FakeWorkerPool) => Limiter): Promise<void> {
  const limiter = make(scheduledPool());
  await Promise.all([spawn(() => limiter.submit('job A')), spawn(() => limiter.submit('job B'))]);
}

export const checkThenCountLimiter = program(() => twoJobs((p) => new CheckThenCountLimiter(p)));
export const countFirstLimiter = program(() => twoJobs((p) => new CountFirstLimiter(p)));
import { program, scheduled, spawn } from 'interleave';
