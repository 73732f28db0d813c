import { Panic } from '../base/go-texts.js';
import type { Culprit, CulpritReason, Finding } from '../checker/findings.js';
import { eventData, type TraceEvent } from '../runtime/recorder.js';
import { EventKind, type EventKind as Kind } from '../runtime/events.js';
import { didWhat, didWhatToIt, Labels } from './culprit-words.js';

/*
 * The steps that caused a finding, not only the one where it showed: computed once from the events
 * a replay recorded, kept on the finding, and read by every renderer (the terminal's `*` marks, the
 * HTML outlines, `explain`'s sentences). Pure: the same finding and events give the same culprits.
 */

/** What the rules read of a finding (a hand-built one may have only the first three). */
export type CulpritSubject = Pick<Finding, 'kind' | 'task' | 'tasks'> &
  Partial<Pick<Finding, 'message' | 'race' | 'culprits' | 'step'>>;

/** Events that only say a task waits or chose: they cannot release anyone. */
const PASSIVE = new Set<string>([
  EventKind.TaskBlocked,
  EventKind.SelectWaits,
  EventKind.SelectChose,
  EventKind.TaskSpawned,
  EventKind.TaskFinished,
  EventKind.Noted,
  EventKind.ConsoleLogged,
]);

/** What a task reads: the values an assertion that failed was most likely about. */
const READS = new Set<string>([EventKind.ChanReceived, EventKind.VarRead, EventKind.AtomicLoaded]);
/** Writes that produce what an AtomicLoaded reads. */
const ATOMIC_WRITES = new Set<string>([
  EventKind.AtomicStored,
  EventKind.AtomicAdded,
  EventKind.AtomicSwapped,
  EventKind.AtomicCompareAndSwapped,
]);
const UNLOCKS = new Set<string>([EventKind.MutexUnlocked, EventKind.RWMutexUnlocked]);
/** How many distinct objects of a throwing task's last reads are blamed. */
const LAST_READS = 2;

/** The finding's culprits: the ones it carries, else computed from the events (an older trace). */
export function culpritsOf(finding: CulpritSubject, events: readonly TraceEvent[]): readonly Culprit[] {
  return finding.culprits ?? findCulprits(finding, events);
}

/** The culprit steps of a finding, ordered by where they are in the trace. */
export function findCulprits(finding: CulpritSubject, events: readonly TraceEvent[]): Culprit[] {
  const rules = new Rules(finding, events);
  switch (finding.kind) {
    case 'deadlock':
    case 'leak':
      rules.stuck();
      break;
    case 'race':
      rules.race();
      break;
    default:
      rules.failure();
  }
  return rules.sorted();
}

class Rules {
  private readonly out: Culprit[] = [];
  private readonly seen = new Set<string>();
  private readonly labels: Labels;
  private readonly kinds: (Kind | undefined)[];

  constructor(
    private readonly finding: CulpritSubject,
    private readonly events: readonly TraceEvent[],
  ) {
    this.labels = new Labels(events, finding.tasks);
    this.kinds = events.map((e) => eventData(e)?.kind);
  }

  sorted(): Culprit[] {
    return [...this.out].sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity));
  }

  /** Deadlock or leak: each stuck task's operation, and who could have released it. */
  stuck(): void {
    for (const t of this.finding.tasks) {
      if (t.state !== 'blocked') {
        const last = this.lastIndex((e) => e.task === t.id);
        if (last >= 0) {
          const e = this.events[last]!;
          this.add(
            'still-running',
            last,
            null,
            `${this.labels.of(t.id)} was still running after step ${e.step} (its last step: ${didWhat(e)})`,
          );
        }
        continue;
      }
      const b = this.lastIndex((e, i) => e.task === t.id && this.kinds[i] === EventKind.TaskBlocked);
      if (b < 0) continue;
      const blocked = this.events[b]!;
      const who = this.labels.of(t.id);
      this.add('blocked', b, null, `${who} ${didWhat(blocked)} at step ${blocked.step}`);
      for (const obj of this.waitedOn(t.id, b)) this.partner(t.id, obj, blocked);
    }
  }

  /** The objects a task blocked at `b` waits on: the one it blocked on, or its select's cases. */
  private waitedOn(task: number, b: number): string[] {
    const obj = this.events[b]!.obj;
    if (obj !== 'select') return obj && obj !== 'nil' ? [obj] : [];
    for (let i = b; i >= 0; i--) {
      const d = eventData(this.events[i]!);
      if (this.events[i]!.task === task && d?.kind === EventKind.SelectWaits) {
        return [...new Set(d.cases.map((c) => c.obj).filter((o) => o !== '' && o !== 'nil'))];
      }
    }
    return [];
  }

  private partner(task: number, obj: string, blocked: TraceEvent): void {
    const who = this.labels.of(task);
    const p = this.lastIndex(
      (e, i) => e.obj === obj && e.task !== task && !PASSIVE.has(this.kinds[i] ?? e.event),
    );
    const peer = { task, step: blocked.step };
    if (p < 0) {
      this.push({
        reason: 'no-partner',
        task,
        obj,
        index: null,
        step: null,
        event: null,
        site: null,
        peer: null,
        words: `no task but ${who} ever used ${obj}, so nothing could release it`,
      });
      return;
    }
    const e = this.events[p]!;
    const words = `${this.labels.of(e.task)} ${didWhat(e)} at step ${e.step}, the last operation by another task on it; ${who} waits on it from step ${blocked.step}`;
    this.add('last-partner', p, peer, words);
  }

  /** A panic, a fatal error, a failed check: the failing step and what led to it. */
  failure(): void {
    const task = this.finding.task;
    const f = this.lastIndex(
      (e, i) =>
        (task === null || e.task === task) &&
        (this.kinds[i] === EventKind.TaskPanicked || this.kinds[i] === EventKind.FatalError),
    );
    const at = f >= 0 ? f : task !== null ? this.lastIndex((e) => e.task === task) : -1;
    if (at < 0) return;
    const failed = this.events[at]!;
    const who = this.labels.of(failed.task);
    const what = failed.event === EventKind.FatalError ? 'hit a fatal error' : 'panicked';
    const failure = failed.detail ? `: ${failed.detail}` : '';
    this.add('panicked', at, null, `${who} ${what} at step ${failed.step}${failure}`);
    const message = this.finding.message ?? failed.detail;
    if (message.includes(Panic.sendOnClosed)) this.closedBefore(failed, at, 'sent on it');
    else if (message.includes(Panic.closeOfClosed)) this.closedBefore(failed, at, 'closed it again');
    else if (/unlock of unlocked/.test(message)) this.unlockedBefore(failed, at);
    else if (message.includes(Panic.negativeWaitGroup)) this.counterMoves(at);
    else this.lastReads(failed, at);
  }

  /** Send on or close of a closed channel: the close that came first. */
  private closedBefore(failed: TraceEvent, at: number, then: string): void {
    const closes = this.indices((e, i) => i < at && this.kinds[i] === EventKind.ChanClosed);
    if (closes.length === 0) return;
    // The channel the failing task last waited on or used, if closed; else the last closed one.
    const used = this.lastIndex(
      (e, i) => i < at && e.task === failed.task && closes.some((c) => this.events[c]!.obj === e.obj),
    );
    const obj = used >= 0 ? this.events[used]!.obj : this.events[closes[closes.length - 1]!]!.obj;
    const c = closes.find((i) => this.events[i]!.obj === obj)!;
    const e = this.events[c]!;
    const words = `${this.labels.of(e.task)} closed ${obj} at step ${e.step} before ${this.labels.of(failed.task)} ${then} at step ${failed.step}`;
    this.add('closed-before', c, { task: failed.task, step: failed.step }, words);
  }

  /** Unlock of an unlocked mutex: the unlock before it. */
  private unlockedBefore(failed: TraceEvent, at: number): void {
    const u = this.lastIndex((e, i) => i < at && UNLOCKS.has(this.kinds[i] ?? ''));
    if (u < 0) return;
    const e = this.events[u]!;
    const words = `${this.labels.of(e.task)} unlocked ${e.obj} at step ${e.step} before ${this.labels.of(failed.task)} unlocked it again at step ${failed.step}`;
    this.add('unlocked-before', u, { task: failed.task, step: failed.step }, words);
  }

  /** A negative WaitGroup counter: the adds and dones on it that brought it there. */
  private counterMoves(at: number): void {
    const last = this.lastIndex((e, i) => i <= at && this.kinds[i] === EventKind.WaitGroupAdded);
    if (last < 0) return;
    const obj = this.events[last]!.obj;
    for (const i of this.indices(
      (e, j) => j <= last && e.obj === obj && this.kinds[j] === EventKind.WaitGroupAdded,
    )) {
      const e = this.events[i]!;
      this.add('counter-moved', i, null, `${this.labels.of(e.task)} ${didWhat(e)} at step ${e.step}`);
    }
  }

  /** An error thrown in user code: the task's last reads, and who produced the values it read. */
  private lastReads(failed: TraceEvent, at: number): void {
    const objs = new Set<string>();
    for (let i = at - 1; i >= 0 && objs.size < LAST_READS; i--) {
      const e = this.events[i]!;
      if (e.task !== failed.task || !READS.has(this.kinds[i] ?? '') || objs.has(e.obj)) continue;
      objs.add(e.obj);
      const who = this.labels.of(e.task);
      this.add(
        'last-read',
        i,
        null,
        `${who} ${didWhat(e)} at step ${e.step}, its last read of it before it failed at step ${failed.step}`,
      );
      const p = this.producer(i);
      if (p < 0) continue;
      const w = this.events[p]!;
      const words = `${this.labels.of(w.task)} ${didWhat(w)} at step ${w.step}: what ${who} read at step ${e.step}`;
      this.add('produced-value', p, { task: e.task, step: e.step }, words);
    }
  }

  /** The event by another task that produced what the read at `r` saw, or -1. */
  private producer(r: number): number {
    const read = this.events[r]!;
    const d = eventData(read);
    const other = (e: TraceEvent): boolean => e.obj === read.obj && e.task !== read.task;
    if (d?.kind === EventKind.ChanReceived) {
      if (d.value === null)
        return this.lastIndex((e, i) => i < r && other(e) && this.kinds[i] === EventKind.ChanClosed);
      // A hand-off may be recorded receive first: a send in the same step counts too.
      const sends = this.indices(
        (e, i) => (i < r || e.step === read.step) && other(e) && this.kinds[i] === EventKind.ChanSent,
      );
      const same = sends.filter((i) => this.events[i]!.detail === read.detail);
      return (same.length > 0 ? same : sends).at(-1) ?? -1;
    }
    if (d?.kind === EventKind.VarRead)
      return this.lastIndex((e, i) => i < r && other(e) && this.kinds[i] === EventKind.VarWritten);
    return this.lastIndex((e, i) => i < r && other(e) && ATOMIC_WRITES.has(this.kinds[i] ?? ''));
  }

  /** A data race: both accesses, and the happens-before edge no operation put between them. */
  race(): void {
    const race = this.finding.race;
    if (!race) return;
    const { variable, current, previous } = race;
    // The current access is the one the detector stopped at: none after the finding's step.
    const after =
      this.finding.step === undefined ? -1 : this.events.findIndex((e) => e.step > this.finding.step!);
    const cur = this.access(variable, current.task, current.write, after < 0 ? this.events.length : after);
    if (cur < 0) return;
    const prev = this.access(variable, previous.task, previous.write, cur);
    const c = this.events[cur]!;
    const cWho = this.labels.of(c.task);
    if (prev < 0) {
      this.add(
        'race-access',
        cur,
        null,
        `${cWho} ${didWhat(c)} at step ${c.step}${where(current.site ?? c.site)}`,
      );
      return;
    }
    const p = this.events[prev]!;
    const pWho = this.labels.of(p.task);
    this.add(
      'race-access',
      prev,
      { task: c.task, step: c.step },
      `${pWho} ${didWhat(p)} at step ${p.step}${where(previous.site ?? p.site)}`,
    );
    const words = `${cWho} ${didWhatToIt(c)} at step ${c.step}${where(current.site ?? c.site)} with no happens-before edge from ${pWho}'s access at step ${p.step}: no channel operation, lock or WaitGroup orders the two`;
    this.add('race-access', cur, { task: p.task, step: p.step }, words);
  }

  /**
   * The last access of `task` to `variable` before `before`: a VarWritten or VarRead as `write`
   * says, else any operation on it (a race on a channel is between a close and a send, say).
   */
  private access(variable: string, task: number, write: boolean, before: number): number {
    const want = write ? EventKind.VarWritten : EventKind.VarRead;
    const on = (e: TraceEvent, i: number): boolean => i < before && e.task === task && e.obj === variable;
    const exact = this.lastIndex((e, i) => on(e, i) && this.kinds[i] === want);
    return exact >= 0 ? exact : this.lastIndex((e, i) => on(e, i) && !PASSIVE.has(this.kinds[i] ?? e.event));
  }

  private add(reason: CulpritReason, index: number, peer: Culprit['peer'], words: string): void {
    const e = this.events[index]!;
    this.push({
      reason,
      task: e.task,
      obj: e.obj,
      index,
      step: e.step,
      event: e.event,
      site: e.site,
      peer,
      words,
    });
  }

  /** Each step once per reason (two tasks stuck on one channel share its last partner). */
  private push(c: Culprit): void {
    const key = `${c.reason}\u0000${c.index ?? `${c.task}\u0000${c.obj}`}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.out.push(c);
  }

  private lastIndex(pred: (e: TraceEvent, i: number) => boolean): number {
    for (let i = this.events.length - 1; i >= 0; i--) if (pred(this.events[i]!, i)) return i;
    return -1;
  }

  private indices(pred: (e: TraceEvent, i: number) => boolean): number[] {
    const out: number[] = [];
    this.events.forEach((e, i) => {
      if (pred(e, i)) out.push(i);
    });
    return out;
  }
}

function where(site: string | null): string {
  return site ? ` (${site})` : '';
}
