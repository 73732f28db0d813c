import { describe, expect, it } from 'vitest';
import { quiescentAction, type QuiescentState } from './quiescence.js';

/** Nothing runnable, nothing pending, main blocked, the verdict already deferred once. */
const blocked: QuiescentState = {
  settler: false,
  mainDone: false,
  live: 2,
  hostTimerPending: false,
  awaiting: 0,
  runningElsewhere: false,
  externalsPending: 0,
  drained: true,
  nextTimer: null,
  graceTimeLimit: Number.POSITIVE_INFINITY,
  verdictDeferred: true,
};

describe('quiescentAction: what a run does when nothing is runnable', () => {
  it('should wake a settle() waiter before anything else', () => {
    expect(quiescentAction({ ...blocked, settler: true, nextTimer: 5 })).toBe('wake-settler');
  });

  it("should finish when main and every task are done, unless a ref'd Node timer is pending", () => {
    expect(quiescentAction({ ...blocked, mainDone: true, live: 0 })).toBe('finished');
    expect(
      quiescentAction({ ...blocked, mainDone: true, live: 0, nextTimer: 9, hostTimerPending: true }),
    ).toBe('advance-clock');
  });

  it('should wait for the microtask queue to drain while outside work or plain promises may resume a task', () => {
    expect(quiescentAction({ ...blocked, externalsPending: 1, drained: false, nextTimer: 9 })).toBe('wait');
    expect(quiescentAction({ ...blocked, awaiting: 1, drained: false })).toBe('wait');
    // A task that rejoined through a plain promise may be about to settle what another awaits.
    expect(quiescentAction({ ...blocked, runningElsewhere: true, drained: false })).toBe('wait');
  });

  it('should report outside work that only the real world can settle (drained, no timer), never wait for it', () => {
    expect(quiescentAction({ ...blocked, externalsPending: 1 })).toBe('outside-work');
    expect(quiescentAction({ ...blocked, externalsPending: 1, mainDone: true })).toBe('outside-work');
    expect(quiescentAction({ ...blocked, externalsPending: 1, nextTimer: 9 })).toBe('advance-clock');
  });

  it('should move the clock to the next timer, but not past the grace time after main returned', () => {
    expect(quiescentAction({ ...blocked, nextTimer: 10 })).toBe('advance-clock');
    expect(quiescentAction({ ...blocked, mainDone: true, nextTimer: 10, graceTimeLimit: 5 })).toBe(
      'grace-expired',
    );
  });

  it('should defer the verdict one microtask, then give it', () => {
    expect(quiescentAction({ ...blocked, verdictDeferred: false })).toBe('defer-verdict');
    expect(quiescentAction(blocked)).toBe('deadlock');
    expect(quiescentAction({ ...blocked, mainDone: true })).toBe('blocked-forever');
    expect(quiescentAction({ ...blocked, awaiting: 1 })).toBe('outside-await');
  });
});
