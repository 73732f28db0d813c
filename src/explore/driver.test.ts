import { describe, expect, it } from 'vitest';
import { Driver } from './driver.js';
import type { HostClock } from '../host/host-timers.js';
import { RandomStrategy } from '../strategies/random.js';
import { ExplorerRuntime } from '../runtime/explorer-runtime.js';
import { patchHost } from '../host/host-patches.js';
import { Minute } from '../base/duration.js';

const realSetTimeout = globalThis.setTimeout;
const noHost = { beginRun: () => {} } as unknown as HostClock;

function runtime(run: number): ExplorerRuntime {
  return new ExplorerRuntime(
    new RandomStrategy(1),
    {
      maxSteps: 1000,
      graceSteps: 100,
      graceTime: Minute,
      timeJumps: 'due',
      mode: 'test',
      compat: false,
      record: false,
      seed: 1,
      run,
    },
    patchHost,
  );
}

describe('Driver', () => {
  it('should watch the first run after a yield to the event loop (a stuck task is reported, not hung on)', async () => {
    const driver = new Driver(noHost);
    expect((await driver.execute(runtime(0), () => {})).finding).toBeNull();
    // Past the ~20 ms slice, the next execute yields to the event loop before running.
    await new Promise((resolve) => realSetTimeout(resolve, 30));
    // An outside promise that cannot settle before the watch, however busy the machine.
    const never = (): Promise<unknown> => new Promise((resolve) => realSetTimeout(resolve, 60_000).unref());
    const out = await driver.execute(runtime(1), never);
    expect(out.finding?.message).toMatch(/^outside await: task 1 \(main\)/);
  });
});
