/**
 * fast-check's own race-condition tutorial (https://fast-check.dev/docs/tutorials/detect-race-conditions/):
 * `queue(fn)` must make calls resolve in call order and never run two calls of `fn` at once. The
 * version here resolves in order but starts every call at once, which the tutorial's last part
 * asks the test to catch; the fix starts each call after the previous one settled.
 */

/** The fake API: running two calls at once is the failure. */
export class FakeApi {
  private running = 0;
  call = async (n: number): Promise<number> => {
    if (++this.running > 1) throw new Error('two calls running at once');
    return n;
  };
  done(): void {
    this.running--;
  }
}

/** As first written: ordered answers, concurrent calls. */
export function eagerQueue<A, R>(fn: (a: A) => Promise<R>): (a: A) => Promise<R> {
  let previous: Promise<unknown> = Promise.resolve();
  return (a) => {
    const call = fn(a);
    const answer = previous.then(() => call);
    previous = answer.catch(() => {});
    return answer;
  };
}

/** Fixed: each call starts once the previous one settled. */
export function serialQueue<A, R>(fn: (a: A) => Promise<R>): (a: A) => Promise<R> {
  let previous: Promise<unknown> = Promise.resolve();
  return (a) => {
    const answer = previous.then(() => fn(a));
    previous = answer.catch(() => {});
    return answer;
  };
}

type Queue = (fn: (n: number) => Promise<number>) => (n: number) => Promise<number>;

async function threeCalls(queue: Queue): Promise<void> {
  const api = new FakeApi();
  const call = scheduled(api.call, { name: 'call' });
  const queued = queue(async (n) => {
    try {
      return await call(n);
    } finally {
      api.done();
    }
  });
  const seen: number[] = [];
  await Promise.all([1, 2, 3].map((n) => queued(n).then((v) => seen.push(v))));
  if (seen.join() !== '1,2,3') throw new Error(`answers arrived as ${seen.join()}`);
}

export const eagerCallQueue = program(() => threeCalls(eagerQueue));
export const serialCallQueue = program(() => threeCalls(serialQueue));
import { program, scheduled } from 'interleave';
