import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noteLateCall, takeLateCall } from './late-calls.js';
import { realm } from './realm.js';

/*
 * Late continuations: the first call a task of a finished run made, per exploration, is kept for
 * that exploration's result and handed out once. (Through explore(): runtime.test.ts.)
 * Exploration numbers here are far above any real exploration's, and the realm is left as found.
 */

const E = 1_000_000_000;
let warnedBefore = -1;

beforeEach(() => {
  warnedBefore = realm.warnedLate;
});

afterEach(() => {
  takeLateCall(E);
  takeLateCall(E + 1);
  realm.warnedLate = warnedBefore;
});

describe('late calls', () => {
  it("should keep an exploration's first late call, saying what was called, on what, by which run", () => {
    noteLateCall(E, 3, 'send', 'chan#2');
    noteLateCall(E, 4, 'recv', 'chan#5'); // not the first: dropped
    expect(takeLateCall(E)).toBe(
      'a task of a finished run (run 3) called send on chan#2; the run is over, so the operation ' +
        'never completes (Go never resumes other goroutines after exit)',
    );
  });

  it('should hand it out once, and only to its own exploration', () => {
    noteLateCall(E, 0, 'lock', 'Mutex#1');
    expect(takeLateCall(E + 1)).toBeNull();
    expect(takeLateCall(E)).toMatch(/called lock on Mutex#1/);
    expect(takeLateCall(E)).toBeNull();
  });

  it("should keep the latest exploration's first call over an older one's", () => {
    noteLateCall(E, 0, 'send', 'chan#1');
    noteLateCall(E + 1, 2, 'wait', 'WaitGroup#1');
    expect(takeLateCall(E)).toBeNull();
    expect(takeLateCall(E + 1)).toMatch(/^a task of a finished run \(run 2\) called wait on WaitGroup#1/);
  });
});
