import { describe, expect, it } from 'vitest';
import { branch } from '../../../test/fixtures/dpor-branches.js';
import { InterleaveError } from '../../base/errors.js';
import { readFrontier, writeFrontier, type Saved } from './frontier.js';

/*
 * A saved DPOR search: writeFrontier's JSON reads back to the same state (sets and maps in their
 * order, which is the order options are tried in), and readFrontier refuses another search's or a
 * damaged checkpoint, naming what is wrong. (Resuming whole explorations: checkpoint.test.ts.)
 */

const saved = (more: Partial<Saved> = {}): Saved => ({
  preemptionBound: 2,
  maxUnfairSteps: 1_000,
  started: true,
  complete: false,
  sleepBlocked: 3,
  path: [
    branch(0, ['main', 'main/a', 'main/b'], 'main/a', {
      backtrack: new Set(['main/a', 'main/b']),
      done: new Map([['main', { objs: [1, -2], stays: true }]]),
      sleep: new Map([['main/b', [4]]]),
      continuing: 'main',
      preemptionsBefore: 0,
    }),
    { ...branch(1, ['case0:chan#1', 'case1:chan#2'], 'case1:chan#2'), kind: 'case' },
  ],
  ...more,
});

describe('dpor frontiers', () => {
  it('should read back what it wrote, sets and maps in their order', () => {
    const s = saved();
    const text = writeFrontier(s);
    expect(JSON.parse(text)).toMatchObject({ dpor: 1, preemptionBound: 2, sleepBlocked: 3 });
    const back = readFrontier(text);
    expect(back).toEqual(s);
    expect([...back.path[0]!.backtrack]).toEqual(['main/a', 'main/b']);
    expect(back.path[1]!.kind).toBe('case');
    expect(writeFrontier(back)).toBe(text);
  });

  it('should accept the same bound and maxUnfairSteps, no bound meaning an infinite one', () => {
    expect(readFrontier(writeFrontier(saved()), 1_000, 2).preemptionBound).toBe(2);
    const unbounded = writeFrontier(saved({ preemptionBound: null }));
    expect(readFrontier(unbounded, 1_000, Number.POSITIVE_INFINITY).preemptionBound).toBeNull();
  });

  it('should refuse another bound or maxUnfairSteps: a different search', () => {
    const text = writeFrontier(saved());
    expect(() => readFrontier(text, 1_000, 3)).toThrow(
      'dpor checkpoint: it was saved with preemptionBound 2, not 3; a different bound is a different search (start a new one)',
    );
    expect(() => readFrontier(writeFrontier(saved({ preemptionBound: null })), undefined, 1)).toThrow(
      'saved with preemptionBound none, not 1',
    );
    expect(() => readFrontier(text, 10)).toThrow(
      'dpor checkpoint: it was saved with maxUnfairSteps 1000, not 10',
    );
  });

  it('should refuse a damaged checkpoint with an InterleaveError naming the bad field', () => {
    const damaged = (
      change: (raw: { path: Record<string, unknown>[] } & Record<string, unknown>) => void,
    ) => {
      const raw = JSON.parse(writeFrontier(saved())) as { path: Record<string, unknown>[] } & Record<
        string,
        unknown
      >;
      change(raw);
      return JSON.stringify(raw);
    };
    const cases: [string, string][] = [
      [damaged((r) => (r.sleepBlocked = -1)), 'bad sleepBlocked'],
      [damaged((r) => (r.started = 'yes')), 'bad started/complete'],
      [damaged((r) => (r.path[0]!.kind = 'thread')), 'bad kind'],
      [damaged((r) => (r.path[0]!.options = [])), 'bad options'],
      [damaged((r) => (r.path[0]!.continuing = 'main/z')), 'bad continuing'],
      [damaged((r) => (r.path[0]!.backtrack = ['main/z'])), 'bad backtrack'],
      [damaged((r) => (r.path[0]!.sleep = [['main/b']])), 'bad sleep'],
    ];
    for (const [text, field] of cases) {
      expect(() => readFrontier(text), field).toThrow(InterleaveError);
      expect(() => readFrontier(text), field).toThrow(`corrupt dpor checkpoint (${field})`);
    }
  });
});
