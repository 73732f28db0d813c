import type { Finding } from '../checker/findings.js';
import type { ChoicePoint, RunInfo, Strategy } from '../strategies/strategy.js';

/**
 * Follows a plan of choices where it has one (`null` or past its end: the default choice) and counts
 * preemptions. The default continues the task that ran last if it can run, else takes the lowest
 * id; so every planned choice that differs from the default is a preemption, and dropping planned
 * choices removes preemptions: the unit of shrinking.
 */
export class GuidedStrategy implements Strategy {
  readonly name = 'guided';
  readonly params = {};
  private pos = 0;
  /** Preemptions in the run: task choices away from a task that could have continued. */
  preemptions = 0;
  /** The index taken at each choice point. */
  readonly taken: number[] = [];

  constructor(private readonly plan: readonly (number | null)[]) {}

  beginRun(): boolean {
    this.pos = 0;
    this.preemptions = 0;
    this.taken.length = 0;
    return true;
  }

  choose(point: ChoicePoint): number {
    const want = this.pos < this.plan.length ? this.plan[this.pos] : null;
    this.pos++;
    const options = point.options;
    let continuing = -1;
    if (point.kind === 'task') {
      for (let i = 0; i < options.length; i++) if (options[i]!.task === point.last) continuing = i;
    }
    const fallback = continuing >= 0 ? continuing : 0;
    const i = want !== null && want !== undefined && want < options.length ? want : fallback;
    if (continuing >= 0 && i !== continuing) this.preemptions++;
    this.taken.push(i);
    return i;
  }

  endRun(_info: RunInfo): void {}
}

/** One execution of a planned schedule: what it found, its choices, its size. */
export interface PlannedRun {
  /** What it found, as `sameFinding` keys it (null: nothing). */
  readonly finding: string | null;
  readonly choices: readonly number[];
  readonly steps: number;
  readonly preemptions: number;
}

export interface Shrunk {
  /** The choices of the smallest schedule found that still fails the same way. */
  readonly choices: readonly number[];
  readonly preemptions: readonly [before: number, after: number];
  readonly steps: readonly [before: number, after: number];
  /** Runs spent shrinking. */
  readonly attempts: number;
}

/**
 * Whether `a` may replace `b`: never more steps than the schedule shrinking started from (`limit`);
 * then fewer preemptions first, then fewer steps (ties: fewer planned choices, which dropping gives).
 */
function smaller(a: PlannedRun, b: PlannedRun, limit: number): boolean {
  if (a.steps > limit) return false;
  return a.preemptions < b.preemptions || (a.preemptions === b.preemptions && a.steps <= b.steps);
}

/**
 * Minimize a failing schedule, keeping its finding (`finding`: its key by `sameFinding`): delta debugging (ddmin) over the
 * planned choices, each candidate dropping a chunk of them (those steps take the default, which
 * continues the running task). Fewer planned choices means fewer preemptions; the runs are short,
 * so a budget of `maxAttempts` runs is cheap. Deterministic: same schedule, same result.
 */
export async function shrinkSchedule(
  choices: readonly number[],
  finding: string,
  execute: (plan: readonly (number | null)[]) => Promise<PlannedRun>,
  maxAttempts = 150,
): Promise<Shrunk> {
  const first = await execute(choices);
  let attempts = 1;
  if (first.finding !== finding) {
    // The schedule does not fail the same way when followed this way (a nondeterministic
    // program): report it as it was found.
    return {
      choices,
      preemptions: [first.preemptions, first.preemptions],
      steps: [first.steps, first.steps],
      attempts,
    };
  }
  let plan: (number | null)[] = [...choices];
  let best = first;
  let chunks = 2;
  for (;;) {
    const kept = plan.flatMap((c, i) => (c === null ? [] : [i]));
    if (kept.length === 0 || attempts >= maxAttempts) break;
    const size = Math.ceil(kept.length / chunks);
    let reduced = false;
    for (let start = 0; start < kept.length && attempts < maxAttempts; start += size) {
      const drop = new Set(kept.slice(start, start + size));
      const candidate = plan.map((c, i) => (drop.has(i) ? null : c));
      const out = await execute(candidate);
      attempts++;
      if (out.finding === finding && smaller(out, best, first.steps)) {
        plan = candidate;
        best = out;
        chunks = Math.max(chunks - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (size <= 1) break;
      chunks = Math.min(chunks * 2, kept.length);
    }
  }
  return {
    choices: best.choices,
    preemptions: [first.preemptions, best.preemptions],
    steps: [first.steps, best.steps],
    attempts,
  };
}

/**
 * What a shrunk schedule must still find: its identity. For a race, the same variable and the same
 * two tasks' accesses (another pair of accesses is another report, not a smaller one). For a
 * deadlock or a leak, the same verdict and the same tasks left, each blocked for the same reason
 * or still running: a lock-order deadlock must not shrink into another task's leak. For a panic, the
 * same text thrown by the same task. Otherwise the same kind and message. Tasks are named by their
 * stable ids (`main/worker#2`), which do not depend on the schedule.
 */
export function sameFinding(f: Finding): string {
  switch (f.kind) {
    case 'race':
      return `race\u0000${f.message}\u0000${f.summary}`;
    case 'deadlock':
    case 'leak': {
      const tasks = f.tasks
        .map((t) => `${t.stableId}\u0001${t.state === 'blocked' ? t.waitReason : 'running'}`)
        .sort();
      return `${f.kind}\u0000${verdictOf(f.message)}\u0000${tasks.join('\u0000')}`;
    }
    case 'panic': {
      const task = f.task === null ? '' : (f.tasks.find((t) => t.id === f.task)?.stableId ?? `#${f.task}`);
      return `panic\u0000${f.message}\u0000${task}`;
    }
    default:
      return `${f.kind}\u0000${f.message}`;
  }
}

/** A leak's message without its counts and bounds: `blocked forever` or `still alive`. */
function verdictOf(message: string): string {
  return message.replace(/[0-9]+/g, 'N');
}
