import type { Race } from './race-report.js';

/**
 * Finding kinds live in this one exported table: the CLI's `--json`, the reports and the tests all
 * read it. `exitsNonZero` is what the CI gate does with a finding of that kind.
 */
export const FindingKinds = {
  deadlock: { title: 'deadlock', description: 'main is blocked and no task can move' },
  leak: { title: 'leaked task', description: 'a task outlived main (blocked forever or still running)' },
  panic: { title: 'panic', description: 'a panic or fatal error ended the program' },
  race: { title: 'data race', description: 'two unordered accesses, one a write' },
  livelock: {
    title: 'livelock',
    description:
      'the run stopped making progress: tasks only spin, no operation completes, time stands still',
  },
  steps: {
    title: 'step limit',
    description: 'the run reached maxSteps while still making progress (raise maxSteps, or --max-steps)',
  },
  invariant: { title: 'invariant violated', description: 'a property of the program did not hold' },
  error: { title: 'error', description: 'the program misused interleave or awaited something outside it' },
  nondeterministic: {
    title: 'nondeterministic',
    description: 'replaying the same schedule did not reproduce the same events',
  },
} as const;

export type FindingKind = keyof typeof FindingKinds;

/** One live task at the moment of a finding: the raw material of a goroutine dump. */
export interface TaskSnapshot {
  readonly id: number;
  readonly name: string;
  readonly stableId: string;
  /** `blocked`, `runnable` (announced or ready), `running`, or `new` (never started). */
  readonly state: 'blocked' | 'runnable' | 'running' | 'new';
  /** Go's wait reason while blocked (`chan receive (nil chan)`), else the last operation's name. */
  readonly waitReason: string;
  /** Where it blocked or last called an operation (recorded replays only). */
  readonly site: string | null;
  readonly spawnSite: string | null;
  readonly parent: number | null;
  readonly parentName: string | null;
}

/**
 * Why a verdict was given, one code per verdict (checker/verdicts.ts), and for the findings made
 * elsewhere: an unhandled rejection (runtime/rejections.ts), a replay that diverged
 * (explore/explore.ts), a program the CLI's watchdog stopped or could not explore (cli/failures.ts).
 * What code reads to tell findings of one kind apart (an outside await from a misuse), never the
 * message's words.
 */
export const FindingCauses = [
  'deadlock',
  'blocked-forever',
  'still-alive',
  'livelock',
  'step-limit',
  'misuse',
  'described-misuse',
  'floating-operation',
  'cross-run',
  'outside-await',
  'nested-explore',
  'race',
  'panic',
  'fatal',
  'strategy-failed',
  'unhandled-rejection',
  'nondeterministic',
  'watchdog',
  'not-explored',
] as const;

export type FindingCause = (typeof FindingCauses)[number];

export function isFindingCause(s: unknown): s is FindingCause {
  return typeof s === 'string' && (FindingCauses as readonly string[]).includes(s);
}

export interface Finding {
  readonly kind: FindingKind;
  /** The verdict in Go's words where Go has words: `fatal error: all goroutines are asleep - deadlock!`. */
  readonly message: string;
  /** One line that says what happened, the likely cause and the fix where known. */
  readonly summary: string;
  /** The tasks alive when it happened (for deadlocks and leaks, the ones to blame). */
  readonly tasks: readonly TaskSnapshot[];
  /** The task the finding is about (the panicking one), if any. */
  readonly task: number | null;
  /** Stack text of a panic's error, repo-relative where possible (recorded replays only). */
  readonly stack: string | null;
  readonly step: number;
  /** Why it was found (FindingCauses); absent only in traces written before causes existed. */
  readonly cause?: FindingCause;
  /** A data race's two accesses (sites known once replayed): what tells two races apart. */
  readonly race?: Race;
  /**
   * The steps that caused it, not only where it showed (explore/culprits.ts computes them from the
   * recorded events once a failing schedule is replayed). Absent on findings not replayed yet and in
   * older traces, which compute them when read.
   */
  readonly culprits?: readonly Culprit[];
}

/**
 * Why a step is a culprit, one code per rule: what renderers and tests read, never the words.
 * - `blocked`: the operation a stuck task waits in; `still-running`: a leaked task's last step;
 * - `last-partner`: the last operation by another task on the object a stuck task waits on, the
 *   one that could have released it; `no-partner`: no other task ever touched that object;
 * - `panicked`: the failing step itself; `closed-before`, `unlocked-before`, `counter-moved`: the
 *   operations that made the state a runtime panic tripped on (a closed channel, an unlocked mutex,
 *   a negative WaitGroup counter);
 * - `last-read`: what a task that threw last read; `produced-value`: who produced what it read;
 * - `race-access`: one of a data race's two unordered accesses.
 */
export const CulpritReasons = [
  'blocked',
  'still-running',
  'last-partner',
  'no-partner',
  'panicked',
  'closed-before',
  'unlocked-before',
  'counter-moved',
  'last-read',
  'produced-value',
  'race-access',
] as const;

export type CulpritReason = (typeof CulpritReasons)[number];

export function isCulpritReason(s: unknown): s is CulpritReason {
  return typeof s === 'string' && (CulpritReasons as readonly string[]).includes(s);
}

/** One step to blame, as plain data (findings cross worker threads). */
export interface Culprit {
  readonly reason: CulpritReason;
  /** The task that did it (for `no-partner`, the task left waiting). */
  readonly task: number;
  /** The object the step was done to (`chan#2`), or ''. */
  readonly obj: string;
  /** Where it is in the trace's events; null for `no-partner`, which is the absence of a step. */
  readonly index: number | null;
  readonly step: number | null;
  /** The event's kind (`ChanClosed`), null for `no-partner`. */
  readonly event: string | null;
  readonly site: string | null;
  /** The other side of the relation: the stuck task, the panicking send, the other racing access. */
  readonly peer: { readonly task: number; readonly step: number | null } | null;
  /** The same in words: `task 3 (closer) closed chan#1 at step 12 before task 2 (producer) sent on it at step 14`. */
  readonly words: string;
}
