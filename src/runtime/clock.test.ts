import { describe, expect, it } from 'vitest';
import { TestOwner } from '../../test/fixtures/timer-owners.js';
import { Clock } from './clock.js';
import type { Task } from './task.js';
import type { Timer } from './timers.js';

/*
 * The virtual clock's contract: time moves only by advance/take (and says so), timers are armed at
 * integer times never in the past, and `due`/`nextPending` say which timers compete at a step and
 * where time goes when nothing can run (Go 1.23: a channel timer counts only while awaited).
 */

function clock(timeJumps: 'due' | 'any' = 'due'): { clock: Clock; moves: [number, number][] } {
  const moves: [number, number][] = [];
  return { clock: new Clock(timeJumps, (now, by) => moves.push([now, by])), moves };
}

const creator = { id: 4, timerStableId: () => 'main/worker@timer1' } as unknown as Task;

describe('Clock', () => {
  it('should name a timer by its creator, or as the runtime’s own, numbered', () => {
    const { clock: c } = clock();
    const owner = new TestOwner('t');
    const mine = c.newTimer(owner, creator);
    expect([mine.stableId, mine.task, mine.scheduled]).toEqual(['main/worker@timer1', 4, false]);
    expect(c.newTimer(owner, null).stableId).toBe('runtime@timer1');
    expect(c.newTimer(owner, null).stableId).toBe('runtime@timer2');
  });

  it('should arm at an integer time, never in the past, and re-arm a timer in place', () => {
    const { clock: c } = clock();
    const owner = new TestOwner('t');
    c.advance(100);
    const t = c.newTimer(owner, null);
    c.arm(t, 50.7);
    expect(t.when).toBe(100); // in the past: due now
    c.arm(t, 250.9);
    expect(t.when).toBe(250);
    expect(c.size).toBe(1); // re-armed, not armed twice
    expect(c.disarm(t)).toBe(true);
    expect(c.disarm(t)).toBe(false);
    expect(c.size).toBe(0);
  });

  it('should say when and by how much it moves, and move only then', () => {
    const { clock: c, moves } = clock();
    const t = c.newTimer(new TestOwner('t'), null);
    c.arm(t, 40);
    expect(c.now).toBe(0);
    c.take(t); // firing a timer ahead of the clock moves it there
    expect(c.now).toBe(40);
    c.advance(70);
    expect(moves).toEqual([
      [40, 40],
      [70, 30],
    ]);
    expect(c.size).toBe(0);
  });

  it('should offer the pending or eager timers due now, in firing order, and nothing ahead without a jump', () => {
    const { clock: c } = clock();
    const idle = new TestOwner('after', false);
    const eager = new TestOwner('unref', false, true);
    const sleep = new TestOwner('sleep');
    const ids = (ts: Timer[] | null): string[] | null => ts?.map((t) => t.owner.label) ?? null;
    const arm = (owner: TestOwner, when: number): Timer => {
      const t = c.newTimer(owner, null);
      c.arm(t, when);
      return t;
    };
    arm(sleep, 10);
    arm(idle, 0);
    arm(eager, 0);
    expect(ids(c.due(false, Infinity))).toEqual(['unref']); // due now: the idle channel timer is not
    c.take(c.due(false, Infinity)![0]!);
    expect(c.due(false, Infinity)).toBeNull(); // the sleep lies ahead
    expect(ids(c.due(true, Infinity))).toEqual(['sleep']); // a jump may reach it
    expect(c.due(true, 5)).toBeNull(); // but not past the limit
  });

  it('should never jump past a timer that is ahead, even one nobody waits on (deadline order)', () => {
    const { clock: c } = clock('any');
    const idle = c.newTimer(new TestOwner('after', false), null);
    const sleep = c.newTimer(new TestOwner('sleep'), null);
    c.arm(sleep, 200);
    c.arm(idle, 100);
    expect(c.ahead()).toBe(idle);
    expect(c.due(true, Infinity)).toEqual([idle]);
    expect(c.timeJumps).toBe('any');
  });

  it('should move, when nothing runs, to the next timer that fires, if a timer keeps the run alive', () => {
    const { clock: c } = clock();
    const idle = c.newTimer(new TestOwner('after', false), null);
    c.arm(idle, 10);
    expect(c.nextPending()).toBeNull(); // Go 1.23: an unawaited channel timer keeps nothing alive
    const eager = c.newTimer(new TestOwner('unref', false, true), null);
    c.arm(eager, 20);
    expect(c.nextPending()).toBeNull(); // nor does an unref'd Node timer
    const sleep = c.newTimer(new TestOwner('sleep'), null);
    c.arm(sleep, 30);
    expect(c.nextPending()).toBe(eager); // kept alive by the sleep, the eager timer fires first
  });
});
