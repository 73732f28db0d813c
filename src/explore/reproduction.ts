import type { Finding } from '../checker/findings.js';
import { sameEventIdentity, type TraceEvent } from '../runtime/recorder.js';
import type { RunOutcome } from '../runtime/run-options.js';

/*
 * Whether a failing schedule reproduces: the two replays of explore's check compared with the run
 * that found it, and what the finding becomes when they disagree.
 */

/**
 * An outside await stands as found even when its replays differ: what it waits for is settled by the
 * outside world (real I/O), whose timing no schedule controls, so a replay in which the work settled
 * sooner is expected, and calling the finding nondeterministic would hide its real cause.
 */
export function outsideWork(found: Finding, problem: Finding | null): Finding | null {
  if (problem === null || found.cause !== 'outside-await') return problem;
  return {
    ...found,
    summary: `${found.summary}. Its replay did not end the same way (${problem.message.replace(/^nondeterministic: /, '')}), as work the outside world settles need not`,
  };
}

/** Why two executions of one schedule differ, as a `nondeterministic` finding; null if they agree. */
export function divergence(original: RunOutcome, first: RunOutcome, second: RunOutcome): Finding | null {
  const base = original.finding!;
  const make = (what: string): Finding => ({
    kind: 'nondeterministic',
    message: `nondeterministic: replaying the schedule of this ${base.kind} ${what}`,
    summary:
      `replaying the same schedule ${what}. The program depends on something interleave does not control ` +
      `(Date.now, crypto randomness, I/O, or module state kept between runs); found first: ${base.message}`,
    tasks: base.tasks,
    task: null,
    stack: null,
    step: base.step,
    cause: 'nondeterministic',
  });
  if (!first.finding || first.finding.kind !== base.kind) {
    return make(`gave ${first.finding ? first.finding.kind : 'no finding'} instead`);
  }
  const a = first.events ?? [];
  const b = second.events ?? [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (!sameEventIdentity(a[i], b[i])) {
      return make(`diverged at event ${i + 1}: first ${describeEvent(a[i])}, then ${describeEvent(b[i])}`);
    }
  }
  if (!second.finding || second.finding.message !== first.finding.message) {
    return make(`ended differently: ${second.finding?.message ?? 'no finding'}`);
  }
  return null;
}

function describeEvent(e: TraceEvent | undefined): string {
  if (!e) return 'nothing';
  return `step ${e.step} task ${e.task} ${e.event}${e.obj ? ` ${e.obj}` : ''}${e.detail ? ` ${e.detail}` : ''}`;
}
