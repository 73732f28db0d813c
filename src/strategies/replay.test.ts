import { describe, expect, it } from 'vitest';
import { point } from '../../test/fixtures/choice-points.js';
import { IndexReplayStrategy, ReplayDivergence, ReplayStrategy, type RecordedChoice } from './replay.js';
import type { ChoicePoint, RunInfo, Strategy } from './strategy.js';

/*
 * ReplayStrategy's contract: recorded choices are a prefix, matched by stable id (not by index),
 * consumed in order; a point the record does not have yet takes the first option; a mismatch is
 * one ReplayDivergence (thrown, or kept with continueAfterDivergence); past the end, `then` decides.
 */

const rec = (step: number, id: string, kind: RecordedChoice['kind'] = 'task'): RecordedChoice => ({
  step,
  kind,
  id,
});

/** Always the last option; remembers what it was asked. */
class Last implements Strategy {
  readonly name = 'last';
  readonly params = {};
  readonly asked: number[] = [];
  readonly ended: number[] = [];
  constructor(private readonly runs = 1) {}
  beginRun(run: number): boolean {
    return run < this.runs;
  }
  choose(p: ChoicePoint): number {
    this.asked.push(p.step);
    return p.options.length - 1;
  }
  endRun(info: RunInfo): void {
    this.ended.push(info.run);
  }
}

const info: RunInfo = { run: 0, steps: 3, choices: [], failed: false };

describe('ReplayStrategy', () => {
  it('should follow the recorded choices by stable id, wherever the option now sits', () => {
    const s = new ReplayStrategy([rec(0, 'main/b'), rec(1, 'main/a')]);
    expect(s.beginRun(0)).toBe(true);
    expect(s.choose(point(0, ['main', 'main/a', 'main/b']))).toBe(2);
    expect(s.finished).toBe(false);
    expect(s.choose(point(1, ['main/a', 'main']))).toBe(0);
    expect(s.finished).toBe(true);
    expect(s.divergence).toBeNull();
  });

  it('should match the kind too: a select case and a task of the same id are not the same choice', () => {
    const s = new ReplayStrategy([rec(0, 'x', 'case')]);
    s.beginRun(0);
    expect(() => s.choose(point(0, ['x', 'y'], 'task'))).toThrow(ReplayDivergence);
  });

  it('should take the first option at a point the record does not have, without consuming a choice', () => {
    // Recorded before time could move past spinning tasks: step 1 then had a single option.
    const s = new ReplayStrategy([rec(2, 'main/b')]);
    s.beginRun(0);
    expect(s.choose(point(1, ['main/a', 'main/b']))).toBe(0);
    expect(s.finished).toBe(false);
    expect(s.choose(point(2, ['main/a', 'main/b']))).toBe(1);
    expect(s.finished).toBe(true);
  });

  it('should throw one ReplayDivergence with the step, the expected choice and the options offered', () => {
    const s = new ReplayStrategy([rec(0, 'main/a'), rec(4, 'main/gone')]);
    s.beginRun(0);
    s.choose(point(0, ['main/a', 'main/b']));
    let thrown: unknown;
    try {
      s.choose(point(4, ['main', 'main/b']));
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ReplayDivergence);
    const d = thrown as ReplayDivergence;
    expect([d.step, d.index, d.expected, d.actual]).toEqual([4, 1, rec(4, 'main/gone'), ['main', 'main/b']]);
    expect(d.message).toBe(
      "replay diverged at step 4 (choice 2): the trace expected task 'main/gone' but the program offered " +
        "'main', 'main/b'; the program changed since the trace was recorded, or it is nondeterministic " +
        '(pass --continue to go on from here with a seeded strategy)',
    );
    expect(s.divergence).toBe(d);
    expect(s.finished).toBe(false);
  });

  it('should go on with `then` after a divergence when asked to, keeping the divergence', () => {
    const then = new Last();
    const s = new ReplayStrategy([rec(0, 'main/gone'), rec(1, 'main/a')], then, true);
    expect(s.beginRun(0)).toBe(true);
    expect(s.choose(point(0, ['main/a', 'main/b', 'main/c']))).toBe(2);
    expect(s.divergence?.expected.id).toBe('main/gone');
    // The rest of the record is no longer followed: the program left it.
    expect(s.choose(point(1, ['main/a', 'main/b']))).toBe(1);
    expect(then.asked).toEqual([0, 1]);
  });

  it('should take the first option after a divergence when asked to go on without `then`', () => {
    const s = new ReplayStrategy([rec(0, 'main/gone')], null, true);
    s.beginRun(0);
    expect(s.choose(point(0, ['main/a', 'main/b']))).toBe(0);
    expect(s.divergence).not.toBeNull();
  });

  it('should hand a run longer than the record to `then` once the record is consumed', () => {
    const then = new Last();
    const s = new ReplayStrategy([rec(0, 'main/a')], then);
    s.beginRun(0);
    expect(s.choose(point(0, ['main/a', 'main/b']))).toBe(0);
    expect(s.choose(point(1, ['main/a', 'main/b']))).toBe(1);
    expect(s.choose(point(2, ['main', 'main/a', 'main/b']))).toBe(2);
    expect(then.asked).toEqual([1, 2]);
    s.endRun(info);
    expect(then.ended).toEqual([0]);
  });

  it('should take the first option past the end of the record without `then`', () => {
    const s = new ReplayStrategy([]);
    s.beginRun(0);
    expect(s.finished).toBe(true);
    expect(s.choose(point(0, ['main/a', 'main/b']))).toBe(0);
  });

  it('should leave the record unfinished when the run ends first', () => {
    const s = new ReplayStrategy([rec(0, 'main/a'), rec(1, 'main/b'), rec(2, 'main/a')]);
    s.beginRun(0);
    s.choose(point(0, ['main/a', 'main/b']));
    expect(s.finished).toBe(false);
    expect(s.divergence).toBeNull();
  });

  it('should run once, starting again from the top on a new beginRun(0), and defer to `then` on it', () => {
    const s = new ReplayStrategy([rec(0, 'main/b')]);
    expect(s.beginRun(0)).toBe(true);
    expect(s.choose(point(0, ['main/a', 'main/b']))).toBe(1);
    expect(s.beginRun(1)).toBe(false);
    expect(s.beginRun(0)).toBe(true);
    expect(s.finished).toBe(false);
    expect(s.choose(point(0, ['main/b', 'main/a']))).toBe(0);
    expect(new ReplayStrategy([], new Last(0)).beginRun(0)).toBe(false);
  });

  it('should clear a divergence on a new run', () => {
    const s = new ReplayStrategy([rec(0, 'main/a')], null, true);
    s.beginRun(0);
    s.choose(point(0, ['main/b']));
    expect(s.divergence).not.toBeNull();
    s.beginRun(0);
    expect(s.divergence).toBeNull();
    expect(s.choose(point(0, ['main/b', 'main/a']))).toBe(1);
  });
});

describe('IndexReplayStrategy', () => {
  it('should follow indices, taking the first option past the end or where an index no longer fits', () => {
    const s = new IndexReplayStrategy([2, 1, 5]);
    expect(s.beginRun(0)).toBe(true);
    expect(s.choose(point(0, ['a', 'b', 'c']))).toBe(2);
    expect(s.choose(point(1, ['a', 'b']))).toBe(1);
    expect(s.choose(point(2, ['a', 'b']))).toBe(0); // 5 does not fit
    expect(s.choose(point(3, ['a', 'b']))).toBe(0); // past the end
    expect(s.beginRun(1)).toBe(false);
    expect(s.beginRun(0)).toBe(true);
    expect(s.choose(point(0, ['a', 'b', 'c']))).toBe(2); // from the top again
  });
});
