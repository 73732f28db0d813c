import { describe, expect, it } from 'vitest';
import { chan, explore, go, Mutex, program, WaitGroup, yield_ } from '../index.js';
import { sameFinding, shrinkSchedule, type PlannedRun } from './shrink.js';

/**
 * A lock-order deadlock between `ab` and `ba` leaves them and `reporter` blocked forever. Any
 * schedule without the deadlock leaks `reporter` alone, blocked on its send: the same kind of
 * finding (a leak), another bug, and fewer preemptions (none), so a shrinker that kept only the kind
 * traded the deadlock for it.
 */
const lockOrder = program(async () => {
  const a = new Mutex();
  const b = new Mutex();
  const wg = new WaitGroup();
  wg.add(2);
  go(async () => {
    await a.lock();
    await yield_();
    await b.lock();
    b.unlock();
    a.unlock();
    wg.done();
  }, 'ab');
  go(async () => {
    await b.lock();
    await yield_();
    await a.lock();
    a.unlock();
    b.unlock();
    wg.done();
  }, 'ba');
  go(async () => {
    await wg.wait();
    await chan<number>().send(1);
  }, 'reporter');
});

describe('shrinking keeps the finding', () => {
  it('should shrink a lock-order deadlock to the same deadlock, not to another leak', async () => {
    // Seed 2's first run is the deadlock (checked here without shrinking).
    const plain = await explore(lockOrder, { runs: 1, seed: 2, shrink: false });
    const shrunk = await explore(lockOrder, { runs: 1, seed: 2 });
    expect(plain.findings[0]!.summary).toContain('[sync.Mutex.Lock]');
    const f = shrunk.findings[0]!;
    expect(f.summary).toBe(plain.findings[0]!.summary);
    expect(sameFinding(f)).toBe(sameFinding(plain.findings[0]!));
    const { preemptions, steps } = f.trace.shrunk!;
    expect(preemptions[1]).toBeLessThanOrEqual(preemptions[0]);
    expect(steps[1]).toBeLessThanOrEqual(steps[0]);
  });

  it('should tell leaks apart by the tasks left and why they wait', async () => {
    const r = await explore(lockOrder, { runs: 20, seed: 1, findAll: true, shrink: false });
    const kinds = new Set(r.findings.map((f) => f.kind));
    const identities = new Set(r.findings.map((f) => sameFinding(f)));
    expect(kinds).toEqual(new Set(['leak']));
    expect(identities.size).toBe(2);
  });

  it('should never report more steps than the schedule it started from', async () => {
    // Dropping the planned choices removes a preemption but makes the run longer: not smaller.
    const execute = (plan: readonly (number | null)[]): Promise<PlannedRun> => {
      const planned = plan.filter((c) => c !== null).length;
      return Promise.resolve({
        finding: 'same',
        choices: plan.map((c) => c ?? 0),
        steps: 29 + (plan.length - planned) * 5,
        preemptions: planned,
      });
    };
    const s = await shrinkSchedule([1, 1, 1], 'same', execute);
    expect(s.steps).toEqual([29, 29]);
    expect(s.choices).toEqual([1, 1, 1]);
  });

  it('should take a candidate with fewer preemptions and no more steps', async () => {
    const execute = (plan: readonly (number | null)[]): Promise<PlannedRun> => {
      const planned = plan.filter((c) => c !== null).length;
      return Promise.resolve({
        finding: plan[0] === null ? 'another bug' : 'same',
        choices: plan.map((c) => c ?? 0),
        steps: 20 + planned,
        preemptions: planned,
      });
    };
    const s = await shrinkSchedule([1, 1, 1, 1], 'same', execute);
    // The first choice makes the bug: it stays, every other one goes.
    expect(s.choices).toEqual([1, 0, 0, 0]);
    expect(s.preemptions).toEqual([4, 1]);
    expect(s.steps).toEqual([24, 21]);
  });
});
