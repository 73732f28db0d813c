import { describe, expect, it } from 'vitest';
import type { Finding } from './findings.js';
import type { Race } from './race-report.js';
import {
  isMisuse,
  isOutsideAwait,
  misuse,
  misuseOf,
  needsCompat,
  nestedExplore,
  outsideAwait,
  race,
  raceSitesKey,
  type RunFacts,
} from './verdicts.js';

const run: RunFacts = { tasks: [], steps: 4, run: 0, liveTasks: 1 };

const racing = (current: string | null, previous: string | null): Race => ({
  variable: 'shared#1',
  current: { task: 2, write: true, site: current },
  previous: { task: 3, write: false, site: previous },
});

describe('cause codes', () => {
  it('should set a code on what each verdict returns', () => {
    expect(misuse(run, 'send').cause).toBe('misuse');
    expect(misuseOf(run, 'a free object in a run').cause).toBe('described-misuse');
    expect(outsideAwait(run, null).cause).toBe('outside-await');
    expect(nestedExplore(run, null).cause).toBe('nested-explore');
    expect(race(run, racing(null, null)).cause).toBe('race');
  });

  it('should classify by the code, not by the words of the message', () => {
    const outside = outsideAwait(run, null);
    const twoOps = misuse(run, 'recv');
    expect([isOutsideAwait(outside), isMisuse(outside), needsCompat(outside)]).toEqual([true, false, true]);
    expect([isOutsideAwait(twoOps), isMisuse(twoOps), needsCompat(twoOps)]).toEqual([false, true, true]);
    // The same words under another cause are not one: the message is for people.
    const lookalike: Finding = { ...misuseOf(run, 'x'), message: outside.message };
    expect([isOutsideAwait(lookalike), needsCompat(lookalike)]).toEqual([false, false]);
    const described: Finding = { ...misuseOf(run, 'x'), message: twoOps.message };
    expect(isMisuse(described)).toBe(false);
    expect(isOutsideAwait(null)).toBe(false);
  });
});

describe('raceSitesKey', () => {
  it('should read the two sites from the race, in either order', () => {
    const a = race(run, racing('a.ts:1', 'a.ts:2'));
    const b = race(run, { ...racing('a.ts:2', 'a.ts:1') });
    expect(a.race).toEqual(racing('a.ts:1', 'a.ts:2'));
    expect(raceSitesKey(a)).toBe(`${a.message}\u0000a.ts:1\u0000a.ts:2`);
    expect(raceSitesKey(b)).toBe(raceSitesKey(a));
  });

  it('should not depend on the stack text', () => {
    const f = race(run, racing('a.ts:1', 'a.ts:2'));
    expect(raceSitesKey({ ...f, stack: 'anything\nelse' })).toBe(raceSitesKey(f));
    expect(raceSitesKey({ ...f, stack: null })).toBe(raceSitesKey(f));
  });

  it('should key a race whose sites are not known yet as before the replay', () => {
    const f = race(run, racing(null, null));
    const unknown = '(site known in the replayed trace)';
    expect(raceSitesKey(f)).toBe(`${f.message}\u0000${unknown}\u0000${unknown}`);
  });

  it('should give no key to other findings, nor to a race without its accesses', () => {
    expect(raceSitesKey(misuse(run, 'send'))).toBeNull();
    const { race: _race, ...bare } = race(run, racing('a.ts:1', 'a.ts:2'));
    expect(raceSitesKey(bare)).toBeNull();
  });

  it('should keep the cause and the race across a thread boundary', () => {
    const f = race(run, racing('a.ts:1', 'a.ts:2'));
    const copy = structuredClone(f);
    expect(copy.cause).toBe('race');
    expect(raceSitesKey(copy)).toBe(raceSitesKey(f));
  });
});
