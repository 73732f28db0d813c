/**
 * What one message costs in promises and microtask jobs, per library, counted (not timed) with
 * async_hooks while a row runs: deterministic on any machine, so it shows what the timings cannot
 * under load. With the hooks on, every `await` also makes one promise of its own (V8 skips it
 * otherwise), so a library's own promises per message are the promises counted less the jobs run;
 * a row of two async functions that only await the shared resolved promise counts 2 and 2 (none of
 * its own). Counted over the difference of two passes (n, then 2n messages), so that what a pass
 * makes once (the channel, the producer's async function) cancels out.
 */
import { createHook } from 'node:async_hooks';
import { freeRuntime } from '../src/free/free.js';
import { runRow, type Lib, type Row } from './free-peers.js';

export interface PerMessage {
  /** Promises the library itself makes per message (`new Promise`, `Promise.resolve(v)`, …). */
  readonly promises: number;
  /** Microtask jobs run per message: one per `await` that resumed, and any the library adds. */
  readonly jobs: number;
}

async function counted(run: () => Promise<unknown>): Promise<{ promises: number; jobs: number }> {
  let promises = 0;
  let jobs = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === 'PROMISE') promises++;
    },
    before() {
      jobs++;
    },
  });
  hook.enable();
  try {
    await run();
  } finally {
    hook.disable();
  }
  return { promises, jobs };
}

/** Per message of `row` for `lib`. Free mode's starvation guard is held off while counting. */
export async function perMessage(lib: Lib, row: Row, n = 4_000): Promise<PerMessage> {
  const rt = freeRuntime();
  const every = rt.guardEvery;
  rt.guardEvery = Number.MAX_SAFE_INTEGER; // its turn of the event loop would be counted too
  try {
    await runRow(lib, row, 16);
    const a = await counted(() => runRow(lib, row, n));
    const b = await counted(() => runRow(lib, row, 2 * n));
    const jobs = (b.jobs - a.jobs) / n;
    return { promises: (b.promises - a.promises) / n - jobs, jobs };
  } finally {
    rt.guardEvery = every;
  }
}
