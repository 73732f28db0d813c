import { debuglog } from 'node:util';
import { realm } from './realm.js';

/*
 * Late continuations: a task of a finished run that calls an operation (the run is over, so the
 * operation never completes: Go never resumes other goroutines after exit). Nothing is printed
 * about them, as a test suite's output would fill with them: the exploration's first one is on its
 * result (takeLateCall), and every one on stderr with NODE_DEBUG=interleave.
 */

const debugLate = debuglog('interleave');

/** The first late continuation's call of the latest exploration that had one. */
let lateCall: { readonly exploration: number; readonly message: string } | null = null;

/** A task of run `run` of `exploration` called `opName` on `label` after its run ended. */
export function noteLateCall(exploration: number, run: number, opName: string, label: string): void {
  const message =
    `a task of a finished run (run ${run}) called ${opName} on ${label}; the run is over, so the ` +
    `operation never completes (Go never resumes other goroutines after exit)`;
  debugLate(message);
  if (realm.warnedLate !== exploration) {
    realm.warnedLate = exploration;
    lateCall = { exploration, message };
  }
}

/** The first call a task of a finished run made during exploration `exploration`, once, or null. */
export function takeLateCall(exploration: number): string | null {
  if (lateCall === null || lateCall.exploration !== exploration) return null;
  const { message } = lateCall;
  lateCall = null;
  return message;
}
