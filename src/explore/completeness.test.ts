import { describe, expect, it } from 'vitest';
import { chan, explore, external, go, program, shared } from '../index.js';
import { twoSenders } from '../../test/fixtures/two-senders.js';

/*
 * `complete` is claimed only for what the explorer sees (completeness.ts): a channel-only program
 * gets it under dfs and dpor, with its scope in words; a program whose outcome depends on plain
 * state touched across plain awaits, external() or Node timers does not, and says why.
 */

const channelsOnly = twoSenders;

/** A lost update on a plain variable: the race is real, and invisible to the explorer. */
const plainState = program(async () => {
  let count = 0;
  const bump = async () => {
    const seen = count;
    await new Promise<void>((r) => setTimeout(r, 1));
    count = seen + 1;
  };
  const done = chan<void>(2);
  go(async () => {
    await bump();
    await done.send();
  });
  go(async () => {
    await bump();
    await done.send();
  });
  await done.recv();
  await done.recv();
});

const externalOnly = program(async () => {
  await external(() => Promise.resolve(1));
});

const timersOnly = program(async () => {
  const cell = shared(0);
  setTimeout(() => cell.set(1), 5);
  const c = chan<void>();
  setTimeout(() => void c.send(), 10);
  await c.recv();
});

describe('complete: claimed only for what the explorer sees', () => {
  for (const strategy of ['dfs', 'dpor'] as const) {
    it(`should claim complete for a channel-only program under ${strategy}, with its scope`, async () => {
      const r = await explore(channelsOnly, { strategy, runs: 1000 });
      expect(r.findings).toEqual([]);
      expect(r.complete).toBe(true);
      expect(r.incompleteReason).toBeUndefined();
      expect(r.completeScope).toBe(
        strategy === 'dfs'
          ? 'every schedule of interleave operations (dfs)'
          : 'every schedule of interleave operations, up to the order of independent steps (dpor)',
      );
    });

    it(`should not claim complete under ${strategy} for a race on plain state across plain awaits`, async () => {
      const r = await explore(plainState, { strategy, runs: 1000 });
      expect(r.compat).toBe(true);
      expect(r.complete).toBe(false);
      expect(r.completeScope).toBeUndefined();
      expect(r.incompleteReason).toMatch(/plain awaits followed through promises \(compatibility mode\)/);
    });
  }

  it('should state the preemption bound in the scope', async () => {
    const r = await explore(channelsOnly, { strategy: 'dfs', preemptionBound: 2, runs: 1000 });
    expect(r.completeScope).toBe('every schedule of interleave operations (dfs, preemption bound 2)');
  });

  it('should not claim complete for a program using external() or Node timers, and name them', async () => {
    const ext = await explore(externalOnly, { strategy: 'dfs', runs: 1000 });
    expect([ext.complete, ext.incompleteReason]).toEqual([
      false,
      'every schedule of interleave operations was explored, but the program also depends on what the explorer does not see: plain awaits followed through promises (compatibility mode), external() work',
    ]);
    const timers = await explore(timersOnly, { strategy: 'dpor', runs: 1000 });
    expect(timers.complete).toBe(false);
    expect(timers.incompleteReason).toMatch(/: Node timer callbacks$/);
  });

  it('should not claim complete for a search that did not run out of schedules', async () => {
    const r = await explore(channelsOnly, { strategy: 'dfs', runs: 1 });
    expect(r.complete).toBe(false);
    expect(r.incompleteReason).toBeUndefined();
  });
});
