import { describe, expect, it } from 'vitest';
import { branch, step } from '../../../test/fixtures/dpor-branches.js';
import { addBacktracks, addFailureBacktracks } from './races.js';

/*
 * The race analysis of a finished run, on logs built by hand: which reversals it adds to the
 * backtrack sets of the path's choice points (source-DPOR: one initial of the racing suffix).
 */

describe('addBacktracks', () => {
  it('should reverse two dependent steps of different tasks at the choice point before the first', () => {
    const b = branch(0, ['main/a', 'main/b'], 'main/a');
    addBacktracks([b], [step(2, 'main/a', [5]), step(3, 'main/b', [5])], 2, false);
    expect([...b.backtrack]).toEqual(['main/a', 'main/b']);
  });

  it('should add nothing for independent steps, or steps of one task', () => {
    const independent = branch(0, ['main/a', 'main/b'], 'main/a');
    addBacktracks([independent], [step(2, 'main/a', [5]), step(3, 'main/b', [6])], 2, false);
    expect([...independent.backtrack]).toEqual(['main/a']);
    const sameTask = branch(0, ['main/a', 'main/b'], 'main/a');
    addBacktracks([sameTask], [step(2, 'main/a', [5]), step(2, 'main/a', [5])], 2, false);
    expect([...sameTask.backtrack]).toEqual(['main/a']);
  });

  it('should not reverse a step that the other enabled (it woke that task)', () => {
    const b = branch(0, ['main/a', 'main/b'], 'main/a');
    addBacktracks([b], [step(2, 'main/a', [5]), step(3, 'main/b', [5], 0)], 2, false);
    expect([...b.backtrack]).toEqual(['main/a']);
  });

  it('should only look at the first `limit` steps', () => {
    const b = branch(0, ['main/a', 'main/b'], 'main/a');
    addBacktracks([b], [step(2, 'main/a', [5]), step(3, 'main/b', [5])], 1, false);
    expect([...b.backtrack]).toEqual(['main/a']);
  });

  // Step 1 (task c) is independent of step 0, so it does not happen after it: c and b are both
  // initials of the suffix that reverses the race between steps 0 and 2.
  const racing = [step(2, 'main/a', [5]), step(4, 'main/c', [7]), step(3, 'main/b', [5])];

  it('should add one initial of the racing suffix: the first, unless it is asleep there', () => {
    const awake = branch(0, ['main/a', 'main/b', 'main/c'], 'main/a');
    addBacktracks([awake], racing, 3, false);
    expect([...awake.backtrack]).toEqual(['main/a', 'main/c']);
    const asleep = branch(0, ['main/a', 'main/b', 'main/c'], 'main/a', { sleep: new Map([['main/c', [7]]]) });
    addBacktracks([asleep], racing, 3, false);
    expect([...asleep.backtrack]).toEqual(['main/a', 'main/b']);
  });

  it('should add nothing when the backtrack set already holds an initial', () => {
    const b = branch(0, ['main/a', 'main/b', 'main/c'], 'main/a', {
      backtrack: new Set(['main/a', 'main/b']),
    });
    addBacktracks([b], racing, 3, false);
    expect([...b.backtrack]).toEqual(['main/a', 'main/b']);
  });

  it('should add every option when no initial was offered at the choice point', () => {
    const b = branch(0, ['main/a', 'main/x'], 'main/a');
    addBacktracks([b], [step(2, 'main/a', [5]), step(3, 'main/b', [5])], 2, false);
    expect(new Set(b.backtrack)).toEqual(new Set(['main/a', 'main/x']));
  });

  it('should add every initial when the search is bounded', () => {
    const b = branch(0, ['main/a', 'main/b', 'main/c'], 'main/a');
    addBacktracks([b], racing, 3, true);
    expect(new Set(b.backtrack)).toEqual(new Set(['main/a', 'main/b', 'main/c']));
  });

  it('should also add a bounded reversal at the latest earlier switch, where it costs fewer preemptions', () => {
    // Step 0 switched from a to b (a preemption); the race found later at step 1 would cost two.
    const switched = branch(0, ['main/a', 'main/b'], 'main/b', { continuing: 'main/a' });
    const later = branch(1, ['main/a', 'main/b'], 'main/b', { continuing: 'main/b', preemptionsBefore: 1 });
    addBacktracks(
      [switched, later],
      [step(3, 'main/b', [1]), step(3, 'main/b', [5]), step(2, 'main/a', [5])],
      3,
      true,
    );
    expect(new Set(later.backtrack)).toEqual(new Set(['main/a', 'main/b']));
    expect(new Set(switched.backtrack)).toEqual(new Set(['main/a', 'main/b']));
  });
});

describe('addFailureBacktracks', () => {
  it("should explore every other option at the choice point of the run's last step", () => {
    const first = branch(0, ['main/a', 'main/b'], 'main/a');
    const last = branch(1, ['main/a', 'main/b', 'main/c'], 'main/b');
    addFailureBacktracks([first, last], [step(2, 'main/a', [5]), step(3, 'main/b', [6])], false);
    expect(new Set(last.backtrack)).toEqual(new Set(['main/a', 'main/b', 'main/c']));
    expect([...first.backtrack]).toEqual(['main/a']);
  });

  it('should add nothing when the last step was not a choice', () => {
    const first = branch(0, ['main/a', 'main/b'], 'main/a');
    addFailureBacktracks([first], [step(2, 'main/a', [5]), step(2, 'main/a', [6])], false);
    expect([...first.backtrack]).toEqual(['main/a']);
  });
});
