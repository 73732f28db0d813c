/**
 * The harness at scale, small enough to be fast (bench/scale.ts runs the full sizes): many tasks and
 * many steps in one run without stack overflow, and an exploration whose heap does not grow with
 * the number of schedules (measured in an `--expose-gc` child process so the figures follow a GC).
 */
import { describe, expect, it } from 'vitest';
import { manySteps, manyTasks, measureScale } from '../bench/scale.js';

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
});
