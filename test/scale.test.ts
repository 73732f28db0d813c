/**
 * The harness at scale, small enough to be fast (bench/scale.ts runs the full sizes): many tasks and
 * many steps in one run without stack overflow, and an exploration whose heap does not grow with
 * the number of schedules (measured in an `--expose-gc` child process so the figures follow a GC).
 */
import { describe, expect, it } from 'vitest';
import { manySteps, manyTasks, measureScale } from '../bench/scale.js';
import { WAKEUP_SHAPES, runShape, sizeFor } from '../bench/wakeups.js';

describe('scale', () => {
  it('should run 10,000 tasks in one run without stack overflow', async () => {
    expect(await manyTasks(10_000)).toBeGreaterThan(0);
  });

  it('should run 100,000 steps in one run without stack overflow', async () => {
    expect(await manySteps(100_000)).toBeGreaterThan(0);
  });

  it('should explore 20,000 schedules with heap that does not grow with their number', async () => {
    const r = await measureScale({ tasks: 100, steps: 100, schedules: 20_000 });
    expect(Math.abs(r.heapGrowthMb)).toBeLessThan(4);
    expect(r.heapAfterMb - r.heapBeforeMb).toBeLessThan(8);
  });

  // Many tasks blocked on one object, woken again and again (bench/wakeups.ts): a long run of each
  // shape ends clean (runShape throws on a finding or a missing run).
  it.each(WAKEUP_SHAPES)('should run about 100,000 steps of %s without a finding', async (shape) => {
    const size = await sizeFor(shape, 100_000);
    const { steps } = await runShape(shape, size, 1);
    expect(steps).toBeGreaterThan(80_000);
    expect(steps).toBeLessThan(130_000);
  });

  it('should take the same steps per message however long the run, whatever the schedule', async () => {
    // Unbuffered sends from many tasks to one receiver: every message costs the same steps, so the
    // count is affine in the messages and the seed does not change it.
    const steps = async (sends: number, seed: number) => (await runShape('chan_senders', sends, seed)).steps;
    const [one, two, twenty] = [await steps(1, 1), await steps(2, 1), await steps(20, 1)];
    expect(twenty - one).toBe(19 * (two - one));
    expect(await steps(20, 7)).toBe(twenty);
  });
});
