import { Fatal } from '../base/go-texts.js';
import { formatDuration } from '../base/duration.js';
import { describeThrown as describeThrownSafely, isPanicValue, type GoPanic } from '../base/errors.js';
import { userStack } from '../base/site.js';
import type { Finding, FindingCause, FindingKind, TaskSnapshot } from './findings.js';
import type { Race } from './race-report.js';

/*
 * What a run's end means, in words: each function turns the state of a run that just ended into
 * its finding. The runtime decides *when* a run ends; this module says *what* it found, so the
 * texts (Go's, and ours with their fixes) live in one place.
 */

/**
 * One task as the verdicts read it: plain data the runtime copies out of its task table when a run
 * ends (runtime/snapshot.ts), so that the checker never reads the runtime's internals.
 */
export interface TaskFacts {
  readonly id: number;
  readonly name: string;
  /** `task 3 (worker)`, as dumps and messages name tasks. */
  readonly label: string;
  readonly stableId: string;
  /** TaskSnapshot's states, or `done` for a finished task (kept: a race report names finished tasks). */
  readonly state: TaskSnapshot['state'] | 'done';
  /** Go's wait reason while blocked (`chan receive (nil chan)`). */
  readonly waitReason: string;
  /** Name of the last operation called (`send`), or ''. */
  readonly opName: string;
  /** The object its announced or parked operation is on (`chan#3`), or null. */
  readonly target: string | null;
  /** Where it last called an operation, and where it was spawned (recorded runs only). */
  readonly site: string | null;
  readonly spawnSite: string | null;
  readonly parent: number | null;
  readonly parentName: string | null;
}

/** What the verdicts read of a run: every task by id (task i at index i - 1), and its counters. */
export interface RunFacts {
  readonly tasks: readonly TaskFacts[];
  readonly steps: number;
  readonly run: number;
  readonly liveTasks: number;
}

function finding(
  rt: RunFacts,
  kind: FindingKind,
  cause: FindingCause,
  message: string,
  summary: string,
  task: number | null = null,
  stack: string | null = null,
): Finding {
  return { kind, message, summary, tasks: snapshot(rt.tasks), task, stack, step: rt.steps, cause };
}

export function deadlock(rt: RunFacts): Finding {
  return finding(
    rt,
    'deadlock',
    'deadlock',
    `fatal error: ${Fatal.deadlock}`,
    `every task is blocked: ${blockedSummary(rt)}`,
  );
}

/** Main returned and nothing can move, yet tasks are left. */
export function blockedForever(rt: RunFacts): Finding {
  return finding(
    rt,
    'leak',
    'blocked-forever',
    `leak: ${plural(rt.liveTasks, 'task')} blocked forever after main returned`,
    `blocked forever: ${blockedSummary(rt)}`,
  );
}

/** Main returned and tasks were still alive when a grace bound ran out. */
export function stillAlive(rt: RunFacts, bound: string): Finding {
  return finding(
    rt,
    'leak',
    'still-alive',
    `leak: ${plural(rt.liveTasks, 'task')} still alive ${bound} after main returned`,
    `still alive after main returned: ${blockedSummary(rt)}; make every task exit before main returns ` +
      `(close its input, cancel its context, or wait for it)`,
  );
}

export function graceBound(steps: number, graceSteps: number, graceLimit: number, graceTime: number): string {
  return steps >= graceLimit ? `${graceSteps} steps` : `${formatDuration(graceTime)} (virtual)`;
}

/**
 * The run stopped making progress: `still` steps in which no operation completed (only spins:
 * yield_(), a select's default), no task started, woke or finished, and the clock did not move.
 */
export function livelock(rt: RunFacts, still: number, since: number): Finding {
  const moving = rt.tasks.filter((t) => t.state !== 'done' && t.state !== 'blocked');
  const named = moving.slice(0, 4).map((t) => `${t.label}${t.opName ? ` at ${t.opName}` : ''}`);
  if (moving.length > 4) named.push(`${moving.length - 4} more`);
  const spinning = named.join(', ');
  return finding(
    rt,
    'livelock',
    'livelock',
    `livelock: no progress in ${still} steps in run ${rt.run}`,
    `no progress in ${still} steps (since step ${since}): no operation completed, no task started, woke or ` +
      `finished and the clock did not move; ${spinning || 'the tasks'} only spin (yield_(), a select that ` +
      `takes its default, a failed tryLock) waiting for something that never happens; if they spin ` +
      `on purpose for longer, raise the livelockSteps option of explore() or \`interleave check ` +
      `--livelock-steps N\``,
  );
}

/**
 * The run reached maxSteps while still making progress: a long run, not a livelock. Says how to
 * raise the bound.
 */
export function stepLimit(rt: RunFacts, maxSteps: number, progressAt: number): Finding {
  return finding(
    rt,
    'steps',
    'step-limit',
    `step limit: run ${rt.run} reached maxSteps (${maxSteps}) while still making progress`,
    `run ${rt.run} reached maxSteps (${maxSteps}) with ${plural(rt.liveTasks, 'task')} alive, last making ` +
      `progress at step ${progressAt}: it is long, not stuck; raise the bound with the maxSteps option of ` +
      `explore() or \`interleave check --max-steps N\``,
  );
}

export function misuse(rt: RunFacts, opName: string): Finding {
  const msg =
    `${opName}() was called while this task's previous operation was still pending (for example ` +
    `Promise.race or Promise.all over channel operations), or by code resumed by a plain promise that ` +
    `another task resolved. A task performs one operation at a time: await each one, use select() to ` +
    `wait on several, and channels (not plain promises) between tasks`;
  return finding(rt, 'error', 'misuse', `${MISUSE} ${msg}`, msg);
}

/** A misuse described by its caller (the message says what and how to fix it). */
export function misuseOf(rt: RunFacts, msg: string): Finding {
  return finding(rt, 'error', 'described-misuse', `error: ${msg}`, msg);
}

/** A task returned while its operation was announced or parked: it was not awaited. */
export function floatingOperation(rt: RunFacts, t: TaskFacts): Finding {
  const on = t.target !== null ? ` on ${t.target}` : '';
  const msg =
    `${t.label} returned while its ${t.opName}()${on} was still pending: an operation must be awaited ` +
    `(\`await ch.send(v)\`, not \`void ch.send(v)\`), or the task must wait for it before returning`;
  return finding(rt, 'error', 'floating-operation', `error: ${msg}`, msg, t.id);
}

export function crossRun(
  rt: RunFacts,
  label: string,
  ownerRun: number,
  task: TaskFacts,
  opName: string,
): Finding {
  const msg =
    `${label} belongs to run ${ownerRun} but ${task.label} of run ${rt.run} called ${opName} on it: ` +
    `primitives cannot be shared between runs; create them inside the program (not at module level or ` +
    `in a variable kept between runs)`;
  return finding(rt, 'error', 'cross-run', `error: ${msg}`, msg, task.id);
}

const OUTSIDE_AWAIT = 'outside await:';

export function isOutsideAwait(f: Finding | null): boolean {
  return f !== null && f.cause === 'outside-await';
}

const MISUSE = 'error: two operations in flight:';

/** Two operations of one task in flight at once (misuse): not one the caller described (misuseOf). */
export function isMisuse(f: Finding | null): boolean {
  return f !== null && f.cause === 'misuse';
}

/**
 * Findings that plain promises between tasks can cause without compatibility mode: a task waiting
 * on one (an outside await), or one resumed by it calling an operation while another task runs.
 */
export function needsCompat(f: Finding | null): boolean {
  return isOutsideAwait(f) || isMisuse(f);
}

/** A task waits for something no interleave operation, timer or task of the run will settle. */
export function outsideAwait(rt: RunFacts, t: TaskFacts | null): Finding {
  const who = t ? t.label : 'a task';
  const where = t?.site
    ? ` after its operation at ${t.site}`
    : t?.spawnSite
      ? ` before its first operation (it was started at ${t.spawnSite})`
      : '';
  return finding(
    rt,
    'error',
    'outside-await',
    `${OUTSIDE_AWAIT} ${who} is waiting on something interleave does not control${where}`,
    `${who} awaited a promise that nothing in the run will settle (real I/O, node:timers/promises or ` +
      `AbortSignal.timeout, which use real time, or a promise resolved outside the program). Under the ` +
      `explorer every wait must be on the run: use time.sleep/after or setTimeout for delays, channels ` +
      `between tasks, and a fake that settles on the run (resolved promises, timers) in place of real I/O, called through scheduled() or external()`,
    t?.id ?? null,
  );
}

/** A task of the run awaits explore(): explorations run one at a time, so it would wait forever. */
export function nestedExplore(rt: RunFacts, t: TaskFacts | null): Finding {
  const who = t ? t.label : 'a task';
  const msg =
    `${who} called explore() from inside a run, and waits for it: explorations cannot nest (they run ` +
    `one at a time per realm); call explore() from the test itself`;
  return finding(rt, 'error', 'nested-explore', `error: ${msg}`, msg, t?.id ?? null);
}

/**
 * Go reports a race once per pair of source sites. While exploring, sites are unknown (no stack
 * capture), so exploration keys a race by its variable and its two accesses' tasks (the summary);
 * once replayed, this key (the message and the two access sites, in either order) drops a report of
 * a pair already reported. Other findings: null.
 */
export function raceSitesKey(f: Finding): string | null {
  if (f.kind !== 'race' || f.race === undefined) return null;
  const sites = [f.race.current.site, f.race.previous.site].map((s) => (s ?? UNKNOWN_SITE).trim()).sort();
  return `${f.message}\u0000${sites.join('\u0000')}`;
}

/** A race's site before the replay captured it. */
const UNKNOWN_SITE = '(site known in the replayed trace)';

/** The race as plain data (findings cross worker threads and go into trace files). */
function raceData(r: Race): Race {
  const access = (a: Race['current']): Race['current'] => ({ task: a.task, write: a.write, site: a.site });
  return { variable: r.variable, current: access(r.current), previous: access(r.previous) };
}

/** Go's race report: the two accesses, their tasks and where those tasks were started. */
export function race(rt: RunFacts, r: Race): Finding {
  const task = (id: number): TaskFacts | undefined => rt.tasks[id - 1];
  const kind = (w: boolean): string => (w ? 'write' : 'read');
  const who = (id: number): string => task(id)?.label ?? `task ${id}`;
  const at = (site: string | null): string => `  ${site ?? UNKNOWN_SITE}`;
  const lines = [
    `${kind(r.current.write)[0]!.toUpperCase()}${kind(r.current.write).slice(1)} at ${r.variable} by ${who(r.current.task)}:`,
    at(r.current.site),
    '',
    `Previous ${kind(r.previous.write)} at ${r.variable} by ${who(r.previous.task)}:`,
    at(r.previous.site),
  ];
  for (const id of [r.current.task, r.previous.task]) {
    const t = task(id);
    if (t?.parent) lines.push('', `${t.label} created at:`, at(t.spawnSite));
  }
  const sites = {
    ...finding(
      rt,
      'race',
      'race',
      `WARNING: DATA RACE on ${r.variable}`,
      `${kind(r.current.write)} of ${r.variable} by ${who(r.current.task)} is not ordered after the ` +
        `${kind(r.previous.write)} by ${who(r.previous.task)}: synchronize them (a channel, a Mutex, a WaitGroup)`,
      r.current.task,
      lines.join('\n'),
    ),
  };
  return { ...sites, race: raceData(r) };
}

export function panicked(rt: RunFacts, t: TaskFacts, error: unknown, withStack: boolean): Finding {
  const text = describeThrown(error);
  return finding(
    rt,
    'panic',
    'panic',
    `panic: ${text}`,
    `${t.label} panicked: ${text}`,
    t.id,
    withStack ? panicStack(error, t) : null,
  );
}

export function fatal(rt: RunFacts, t: TaskFacts | null, message: string): Finding {
  return finding(
    rt,
    'panic',
    'fatal',
    `fatal error: ${message}`,
    `${t?.label ?? 'a task'}: ${message}`,
    t?.id ?? null,
  );
}

/** The strategy failed (a replay that no longer fits the program). */
export function strategyFailed(rt: RunFacts, error: unknown): Finding {
  const text = describeThrown(error);
  return finding(rt, 'error', 'strategy-failed', text, text);
}

/** The live tasks, for dumps. */
export function snapshot(tasks: readonly TaskFacts[]): TaskSnapshot[] {
  const out: TaskSnapshot[] = [];
  for (const t of tasks) {
    if (t.state === 'done') continue;
    out.push({
      id: t.id,
      name: t.name,
      stableId: t.stableId,
      state: t.state,
      waitReason: t.state === 'blocked' ? t.waitReason : t.opName,
      site: t.site,
      spawnSite: t.spawnSite,
      parent: t.parent,
      parentName: t.parentName,
    });
  }
  return out;
}

function blockedSummary(rt: RunFacts): string {
  const parts: string[] = [];
  for (const t of rt.tasks) {
    if (t.state === 'done') continue;
    const what = t.state === 'blocked' ? `[${t.waitReason}] on ${t.target ?? '?'}` : 'running';
    parts.push(`${t.label} ${what}`);
  }
  return parts.join('; ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A Go panic, also from a second copy of interleave loaded in the same realm. */
export function isGoPanic(e: unknown): e is GoPanic {
  return isPanicValue(e);
}

/** A thrown value in words; never throws, whatever its shape (base/errors.ts). */
export const describeThrown = describeThrownSafely;

/**
 * Where the panic happened. A Go panic raised by an operation (a send woken by a close) carries the
 * stack of whoever woke it, so the task's own operation site is the truthful frame; any other error
 * carries its own stack.
 */
function panicStack(e: unknown, t: TaskFacts): string | null {
  if (isGoPanic(e)) return t.site ? `${t.opName || 'operation'}()\n\t${t.site}` : null;
  // A thrown Proxy or an Error with a throwing `stack` getter: no stack rather than a dead run.
  let stack: unknown;
  try {
    stack = e instanceof Error ? e.stack : undefined;
  } catch {
    return null;
  }
  if (typeof stack !== 'string' || !stack) return null;
  // An anonymous task body runs as the Task's `fn` property, so V8 names its frame `Task.fn`; the
  // task's own name (`main.func1`) is what the user wrote and what the dump's header shows.
  return userStack(stack).replace(/^Task\.fn\(\)$/gm, `${t.name}()`) || null;
}
