import { describe, expect, it } from 'vitest';
import { branch } from '../../../test/fixtures/dpor-branches.js';
import { cost, independent, preempts } from './branch.js';

describe('the dpor choice point helpers', () => {
  it('should call two steps independent exactly when they touch no object in common', () => {
    expect(independent([1, 2], [3, -4])).toBe(true);
    expect(independent([], [1])).toBe(true);
    expect(independent([1, 2], [2])).toBe(false);
    expect(independent([-3], [5, -3])).toBe(false); // a task's virtual object orders its spawn too
  });

  it('should count a switch away from a task that could continue as a preemption, and nothing else', () => {
    const free = branch(0, ['main', 'main/a'], 'main');
    expect(preempts(free, 'main/a')).toBe(false); // the previous task could not continue
    const held = branch(0, ['main', 'main/a'], 'main', { continuing: 'main' });
    expect(preempts(held, 'main')).toBe(false);
    expect(preempts(held, 'main/a')).toBe(true);
  });

  it('should add a preemption taken at a point to those before it', () => {
    const b = branch(3, ['main', 'main/a'], 'main', { continuing: 'main', preemptionsBefore: 2 });
    expect(cost(b, 'main')).toBe(2);
    expect(cost(b, 'main/a')).toBe(3);
  });
});
