/**
 * Programs the fast-check tests run under a schedule: each takes the property's input and returns
 * the program, which builds its own state on every execution (a failing run is replayed).
 */
import { chan, go, Mutex, select, WaitGroup, yield_ } from 'interleave';

/**
 * `n` workers each add 1 to a counter by reading it, yielding, and writing it back: a lost update
 * whenever the schedule switches between one worker's read and its write. Under the plain schedule
 * (no preemption) every worker runs its read and write together and the count is right. With
 * `lock`, the read and write are one critical section and the count is always right.
 */
export function counter(n: number, lock = false): () => Promise<number> {
  return async () => {
    let count = 0;
    const mu = new Mutex();
    const wg = new WaitGroup();
    for (let i = 0; i < n; i++) {
      wg.add(1);
      go(async () => {
        if (lock) await mu.lock();
        const seen = count;
        await yield_();
        count = seen + 1;
        if (lock) mu.unlock();
        wg.done();
      }, `worker${i}`);
    }
    await wg.wait();
    if (count !== n) throw new Error(`lost update: ${n} workers counted ${count}`);
    return count;
  };
}

/**
 * A reply that is never read when the timeout's case wins: the worker blocks on its unbuffered send
 * forever (a leak) only under schedules where main's select takes the closed `quit` first.
 */
export function abandonedReply(): () => Promise<void> {
  return async () => {
    const reply = chan<number>();
    const quit = chan<void>();
    go(async () => {
      await reply.send(42);
    }, 'worker');
    go(async () => {
      quit.close();
    }, 'quitter');
    await select([{ recv: reply }, { recv: quit }]);
  };
}
