import { describe, expect, it } from 'vitest';
import { stepBound } from './step-bounds.js';

/*
 * stepBound(steps, progressAt, live, timersArmed, maxSteps, livelockSteps): how a run at a step
 * bound ends. A livelock is `livelockSteps` without progress (the window grows by 20 steps per live
 * task); maxSteps reached while progressing is a step limit; otherwise the run goes on (null).
 */

describe('stepBound', () => {
  it('should go on while the run progresses below maxSteps', () => {
    expect(stepBound(500, 450, 2, 0, 1_000, 100)).toBeNull();
    expect(stepBound(549, 450, 2, 0, 1_000, 100)).toBeNull(); // 99 steps still
  });

  it('should call livelockSteps without progress a livelock, with several tasks or a timer', () => {
    expect(stepBound(550, 450, 2, 0, 1_000, 100)).toBe('livelock');
    expect(stepBound(550, 450, 1, 1, 1_000, 100)).toBe('livelock'); // one task, but a timer armed
  });

  it('should widen the window by 20 steps per live task', () => {
    expect(stepBound(699, 500, 2, 0, 10_000, 100)).toBe('livelock'); // 199 still, window 100
    expect(stepBound(699, 500, 10, 0, 10_000, 100)).toBeNull(); // window 200
    expect(stepBound(700, 500, 10, 0, 10_000, 100)).toBe('livelock');
  });

  it('should let a lone task with no timer run on to maxSteps: nothing else can be what it waits for', () => {
    expect(stepBound(5_000, 0, 1, 0, 10_000, 100)).toBeNull();
    expect(stepBound(10_000, 0, 1, 0, 10_000, 100)).toBe('livelock'); // stuck at the end
  });

  it('should call maxSteps reached while progressing recently a step limit', () => {
    expect(stepBound(1_000, 990, 3, 0, 1_000, 100)).toBe('steps');
    expect(stepBound(1_000, 990, 1, 0, 1_000, 100)).toBe('steps');
  });

  it('should call maxSteps reached after half of maxSteps without progress a livelock, for small maxSteps', () => {
    // maxSteps 100 with a window of 5,000: 50 steps still are enough.
    expect(stepBound(100, 50, 1, 0, 100, 5_000)).toBe('livelock');
    expect(stepBound(100, 51, 1, 0, 100, 5_000)).toBe('steps');
  });
});
