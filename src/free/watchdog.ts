import { AsyncLocalStorage } from 'node:async_hooks';
import { Fatal } from '../base/go-texts.js';
import { freeRuntime, type FreeRuntime, type FreeWatch } from './free.js';
import { userStack } from '../base/site.js';
import type { Task } from '../runtime/task.js';

/**
 * Free mode's watchdog and goroutine dump (docs/free-mode.md). A Node.js program whose tasks are all
 * blocked on channels simply exits: the event loop is empty, nothing says why. Go would print
 * `fatal error: all goroutines are asleep - deadlock!` and every goroutine's wait reason. With
 * `watchdog()` on, free mode remembers each parked operation (its task, Go's wait reason, the object,
 * the user's frames) and, when Node's event loop empties while main is blocked (`beforeExit`),
 * prints them in Go's format; `dumpTasks()` gives the same dump on demand (Go's SIGQUIT dump).
 *
 * Cost: nothing while off (free mode holds a null hook). While on, a stack capture per operation that
 * parks and an AsyncLocalStorage context per task (async hooks are on in the whole process then).
 */

export interface WatchdogOptions {
  /** Where the report goes (default: `process.stderr`). */
  readonly write?: (text: string) => void;
  /** `process.exitCode` after a report, as Go exits 2 on a deadlock (default 2; null leaves it). */
  readonly exitCode?: number | null;
}

/** A task started by `go` while the watchdog was on. */
interface Goroutine {
  readonly id: number;
  readonly name: string;
  readonly parent: number | null;
  /** The function that called `go`, and where (Go's `created by main.main in goroutine 1`). */
  readonly spawnFn: string;
  readonly spawnSite: string;
}

interface ParkedOp {
  readonly task: Goroutine | null;
  readonly reason: string;
  readonly op: string;
  readonly obj: string;
  readonly frames: string;
  readonly since: number;
}

const MAIN: Goroutine = { id: 1, name: 'main', parent: null, spawnFn: '', spawnSite: '' };

class Watch implements FreeWatch {
  readonly current = new AsyncLocalStorage<Goroutine>();
  readonly ops = new Map<Task, ParkedOp>();
  private nextId = 2;

  /** Tasks already running when the watchdog came on: their operations cannot be told from main's. */
  constructor(private readonly startedBefore: number) {}

  parked(t: Task): void {
    this.ops.set(t, {
      task: this.current.getStore() ?? (this.startedBefore > 0 ? null : MAIN),
      reason: t.waitReason,
      op: t.opName,
      obj: t.target?.label ?? '',
      frames: userStack(new Error().stack ?? ''),
      since: Date.now(),
    });
  }

  unparked(t: Task): void {
    this.ops.delete(t);
  }

  spawned(fn: () => unknown, name: string): () => unknown {
    const [fnLine = '', siteLine = ''] = userStack(new Error().stack ?? '').split('\n');
    const g: Goroutine = {
      id: this.nextId++,
      name,
      parent: (this.current.getStore() ?? MAIN).id,
      spawnFn: fnLine.replace(/\(\)$/, '').replace('<anonymous>', 'anonymous'),
      spawnSite: siteLine.trim(),
    };
    return () => this.current.run(g, fn);
  }
}

let active: { watch: Watch; rt: FreeRuntime; stop: () => void } | null = null;

/**
 * Turns the watchdog on (idempotent) and returns a function that turns it off. Call it first thing in
 * a program: operations parked before it was on are not seen, and tasks started before it are shown
 * as `goroutine ?`.
 *
 * @example
 * import { chan, watchdog } from 'interleave';
 * watchdog();
 * await chan<number>().recv(); // Node would exit silently; now stderr shows goroutine 1 [chan receive]
 */
export function watchdog(options: WatchdogOptions = {}): () => void {
  if (active !== null) return active.stop;
  const rt = freeRuntime();
  const watch = new Watch(rt.startedTasks);
  const write = options.write ?? ((s: string) => process.stderr.write(s));
  const exitCode = options.exitCode === undefined ? 2 : options.exitCode;
  let reported = false;
  const onBeforeExit = (): void => {
    // Go ends a program when main returns, whatever its goroutines are blocked on: only a program
    // whose main is blocked (or may be: an operation of a task started before the watchdog) is one
    // Go would stop with a deadlock.
    if (reported || !mainMayBeBlocked(watch)) return;
    reported = true; // once: a listener that schedules nothing lets Node exit after it
    write(`${exitReport(watch, rt)}\n`);
    if (exitCode !== null) process.exitCode = exitCode;
  };
  const stop = (): void => {
    if (active?.watch !== watch) return;
    process.off('beforeExit', onBeforeExit);
    rt.watch = null;
    watch.current.disable();
    active = null;
  };
  process.on('beforeExit', onBeforeExit);
  rt.watch = watch;
  active = { watch, rt, stop };
  return stop;
}

/**
 * Whether main (code not started by `go`: the module's top level, or a function it called without
 * awaiting) has an operation parked. Operations whose task is unknown count, since they may be main's.
 */
function mainMayBeBlocked(watch: Watch): boolean {
  for (const op of watch.ops.values()) if (op.task === null || op.task === MAIN) return true;
  return false;
}

/**
 * The blocked tasks of free mode, in Go's goroutine-dump format (`goroutine 3 [chan receive]:` and
 * the task's frames), as Go prints on SIGQUIT. Sees only what was parked while `watchdog()` was on.
 */
export function dumpTasks(): string {
  if (active === null) {
    return (
      'interleave: dumpTasks() sees blocked tasks only while the watchdog is on: call watchdog() ' +
      'when the program starts\n'
    );
  }
  return dump(active.watch, active.rt);
}

function exitReport(watch: Watch, rt: FreeRuntime): string {
  const blocked = watch.ops.size;
  const lines = [
    `interleave watchdog: Node's event loop is empty but ${plural(blocked, 'task')} ` +
      `${blocked === 1 ? 'is' : 'are'} blocked forever; Node would exit here without a word.`,
    '',
    `fatal error: ${Fatal.deadlock}`,
    '',
    dump(watch, rt),
  ];
  return lines.join('\n');
}

function dump(watch: Watch, rt: FreeRuntime): string {
  const ops = [...watch.ops.values()].sort((a, b) => (a.task?.id ?? 0) - (b.task?.id ?? 0));
  const now = Date.now();
  const out: string[] = [];
  for (const p of ops) {
    const minutes = Math.floor((now - p.since) / 60_000);
    const reason = minutes >= 1 ? `${p.reason}, ${minutes} minutes` : p.reason;
    // As the explorer's dump (report/dump.ts): tasks have names, so the header carries one.
    const name = p.task === null ? '' : ` (${p.task.name || 'anonymous'})`;
    out.push(`goroutine ${p.task?.id ?? '?'}${name} [${reason || p.op}]:`);
    out.push(`${p.obj && p.obj !== p.op ? `${p.obj}.` : ''}${p.op}()`);
    if (p.frames) out.push(p.frames);
    if (p.task !== null && p.task.parent !== null) {
      out.push(`created by ${p.task.spawnFn} in goroutine ${p.task.parent}`);
      if (p.task.spawnSite) out.push(`\t${p.task.spawnSite}`);
    }
    if (p.task === null) out.push('(a task started before watchdog() was called: its id is unknown)');
    out.push('');
  }
  // Tasks that are live but parked on nothing of ours: awaiting a plain promise, or running.
  const parkedTasks = new Set(ops.map((p) => p.task).filter((g) => g !== null && g !== MAIN));
  const unseen = rt.startedTasks - parkedTasks.size;
  if (unseen > 0) {
    out.push(
      `(${plural(unseen, 'more task')} not blocked on an interleave operation: running, sleeping on a ` +
        `timer of their own, or awaiting a promise outside interleave)`,
      '',
    );
  }
  if (ops.length === 0 && unseen <= 0) out.push('(no tasks blocked)', '');
  return out.join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
