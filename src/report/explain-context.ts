import type { Culprit, Finding, TaskSnapshot } from '../checker/findings.js';
import { culpritsOf } from '../explore/culprits.js';
import { Panic, WaitReason } from '../base/go-texts.js';
import { eventData, type TraceEvent } from '../runtime/recorder.js';
import { EventKind, lockEffect, selectCaseText, type SelectCase } from '../runtime/events.js';
import { diedOf, eventVerb, site, waiting } from './event-verbs.js';

/*
 * What `interleave explain` knows of one failing trace: who each task is, where the stuck ones
 * wait, which objects and tasks matter to the failure; and the sentences it says about them.
 */

/** At most this many events in the story; earlier ones are counted, not shown. */
const STORY_LINES = 14;
/** At most this many other tasks named when saying why one task cannot move. */
const OTHERS = 4;

export class Context {
  /** `task 2 (sender)` by id, from spawn events and the finding's snapshots. */
  private readonly labels = new Map<number, string>();
  /** Where each live task is blocked (its last TaskBlocked event), by task id. */
  private readonly blockedOn = new Map<number, TraceEvent>();
  /** A task's select cases when it last blocked in one. */
  private readonly selectCases = new Map<number, readonly SelectCase[]>();
  private readonly finished = new Map<number, TraceEvent>();
  /** Objects and tasks the story keeps. */
  readonly objects = new Set<string>();
  readonly tasks = new Set<number>();
  /** The death the conclusion tells (`task 2 panicked at …`): the story leaves it out, so it is told once. */
  private toldDeath: TraceEvent | null = null;
  /** The finding's culprit steps (explore/culprits.ts), and the events they point at. */
  readonly culprits: readonly Culprit[];
  private readonly culpritEvents = new Set<TraceEvent>();

  constructor(
    private readonly events: readonly TraceEvent[],
    private readonly finding: Finding,
  ) {
    for (const t of finding.tasks) this.labels.set(t.id, `task ${t.id} (${t.name})`);
    for (const e of events) {
      const d = eventData(e);
      if (d?.kind === EventKind.TaskSpawned) {
        if (d.child !== null) this.labels.set(d.child, e.obj);
      } else if (d?.kind === EventKind.TaskBlocked) this.blockedOn.set(e.task, e);
      else if (d?.kind === EventKind.SelectWaits) this.selectCases.set(e.task, d.cases);
      else if (d?.kind === EventKind.TaskFinished) this.finished.set(e.task, e);
    }
    for (const t of finding.tasks) this.tasks.add(t.id);
    if (finding.task !== null) this.tasks.add(finding.task);
    this.culprits = culpritsOf(finding, events);
    for (const c of this.culprits) {
      const e = c.index === null ? undefined : events[c.index];
      if (e) this.culpritEvents.add(e);
    }
  }

  label(id: number): string {
    return id === 0 ? 'the runtime' : (this.labels.get(id) ?? `task ${id}`);
  }

  /** The object a live task waits on, if it blocked on one. */
  private target(t: TaskSnapshot): string {
    return t.state === 'blocked' ? (this.blockedOn.get(t.id)?.obj ?? '') : '';
  }

  /** One line per blocked task of the finding: what it waits for, and why no one will provide it. */
  stuck(title: string, conclusion: string): string[] {
    const live = [...this.finding.tasks].sort((a, b) => a.id - b.id);
    for (const t of live) {
      const obj = this.target(t);
      if (obj && obj !== 'select') this.objects.add(obj);
      for (const c of this.cases(t)) this.objects.add(c.obj);
    }
    this.widen();
    const lines = live.map((t) => `  ${this.whyStuck(t, live)}`);
    return [`${title}:`, ...lines, '', `So ${conclusion}.`];
  }

  private whyStuck(t: TaskSnapshot, live: readonly TaskSnapshot[]): string {
    const who = this.label(t.id);
    const at = t.site ? ` (at ${t.site})` : '';
    if (t.state !== 'blocked') {
      const last = t.waitReason ? `; its last operation: ${t.waitReason}${at}` : '';
      return `${who} is still ${t.state === 'new' ? 'waiting to start' : 'running'}${last}`;
    }
    const obj = this.target(t);
    const cases = t.waitReason === WaitReason.select ? this.cases(t) : [];
    const doing =
      cases.length > 0
        ? `complete a select (${cases.map((c) => c.text).join(', or ')})`
        : waiting(t.waitReason, obj);
    const need =
      cases.length > 0
        ? `none of its cases can proceed: ${cases.map((c) => this.nobody(c.send ? WaitReason.chanSend : WaitReason.chanReceive, c.obj)).join('; ')}`
        : this.nobody(t.waitReason, obj);
    // The others that bear on it: tasks that used or wait on the same objects; all of them otherwise.
    const objs = new Set(cases.length > 0 ? cases.map((c) => c.obj) : obj && obj !== 'select' ? [obj] : []);
    const rest = live.filter((o) => o.id !== t.id);
    const related = rest.filter((o) => this.touches(o.id, objs));
    // Where nobody else touches those objects, what the others do instead is the story.
    const others = related.length > 0 ? related : rest;
    let why: string;
    if (others.length === 0) why = 'no other task is left';
    else {
      const shown = others.slice(0, OTHERS).map((o) => this.now(o));
      const more = others.length > OTHERS ? `, and ${others.length - OTHERS} more` : '';
      why = `${shown.join('; ')}${more}`;
    }
    const past = this.pastUsers(obj, t.id, t.waitReason);
    return `${who} waits to ${doing}${at}; ${need}: ${why}${past}`;
  }

  /** The cases of the select `t` is blocked in, if the trace recorded them. */
  private cases(t: TaskSnapshot): { text: string; obj: string; send: boolean }[] {
    const cases = t.state === 'blocked' ? this.selectCases.get(t.id) : undefined;
    return (cases ?? []).map((c) => ({ text: selectCaseText(c), obj: c.obj, send: c.op === 'send' }));
  }

  /** Whether task `id` used one of `objs` in the trace, or waits on one. */
  private touches(id: number, objs: ReadonlySet<string>): boolean {
    if (objs.size === 0) return true;
    for (const e of this.events) if (e.task === id && objs.has(e.obj)) return true;
    for (const c of this.selectCases.get(id) ?? []) if (objs.has(c.obj)) return true;
    return false;
  }

  /** What another live task is doing at the end, in a few words. */
  private now(t: TaskSnapshot): string {
    const who = this.label(t.id);
    const at = t.site ? ` (at ${t.site})` : '';
    const cases = t.waitReason === WaitReason.select ? this.cases(t) : [];
    if (cases.length > 0) return `${who} waits to ${cases.map((c) => c.text).join(' or ')} in a select${at}`;
    if (t.state === 'blocked') return `${who} waits to ${waiting(t.waitReason, this.target(t))}${at}`;
    return `${who} is ${t.state === 'new' ? 'not started yet' : 'still running'}`;
  }

  /** Who needs to act for a task blocked with `reason` on `obj` to move. */
  private nobody(reason: string, obj: string): string {
    switch (reason) {
      case WaitReason.chanSendNil:
      case WaitReason.chanReceiveNil:
        return 'a nil channel never becomes ready';
      case WaitReason.selectNoCases:
        return 'a select with no cases never returns';
      case WaitReason.chanSend:
        return `nobody receives from ${obj}`;
      case WaitReason.chanReceive:
        return `nobody sends on ${obj} or closes it`;
      case WaitReason.select:
        return 'none of its cases can proceed';
      case WaitReason.waitGroupWait:
        return `nobody calls done() on ${obj}${this.counter(obj)}`;
      case WaitReason.mutexLock:
      case WaitReason.rwMutexLock:
      case WaitReason.rwMutexRLock:
        return `${obj} is never unlocked${this.holder(obj)}`;
      case WaitReason.condWait:
        return `nobody signals ${obj}`;
      default:
        return `nothing will wake it`;
    }
  }

  /** Tasks that used the object earlier and have finished since: they will not come back. */
  private pastUsers(obj: string, self: number, reason: string): string {
    if (!obj || obj === 'select') return '';
    // The partners that could have unblocked it: receivers for a sender, senders for a receiver.
    const partners: ReadonlySet<string> | null =
      reason === WaitReason.chanSend
        ? new Set([EventKind.ChanReceived])
        : reason === WaitReason.chanReceive
          ? new Set([EventKind.ChanSent, EventKind.ChanClosed])
          : null;
    const partner = (e: TraceEvent): boolean => partners === null || partners.has(e.event);
    const users = new Map<number, TraceEvent>();
    for (const e of this.events) {
      const by = e.task;
      if (e.obj === obj && by !== self && by !== 0 && this.finished.has(by) && partner(e)) users.set(by, e);
    }
    if (users.size === 0) return '';
    const said = [...users].map(([id, e]) => {
      const end = this.finished.get(id)!;
      return `${this.label(id)} ${eventVerb(e)} at step ${e.step} and returned at step ${end.step}`;
    });
    return `. Earlier, ${said.join('; ')}`;
  }

  private counter(obj: string): string {
    let counter: number | null = null;
    for (const e of this.events) {
      const d = eventData(e);
      if (e.obj === obj && d?.kind === EventKind.WaitGroupAdded) counter = d.counter;
    }
    return counter !== null ? ` (its counter is ${counter})` : '';
  }

  private holder(obj: string): string {
    let holder: TraceEvent | null = null;
    for (const e of this.events) {
      if (e.obj !== obj) continue;
      const d = eventData(e);
      const effect = d ? lockEffect(d.kind) : null;
      if (effect === 'acquire') holder = e;
      if (effect === 'release') holder = null;
    }
    if (!holder) return '';
    const at = holder.site ? ` (at ${holder.site})` : '';
    return `: ${this.label(holder.task)} locked it at step ${holder.step}${at} and still holds it`;
  }

  leak(): string[] {
    const main = this.finished.get(1);
    const lines: string[] = [];
    if (main) lines.push(`Main returned at step ${main.step}.`);
    this.tasks.add(1);
    const n = this.finding.tasks.length;
    lines.push(
      ...this.stuck(
        `${n === 1 ? 'The task left behind' : `The ${n} tasks left behind`}`,
        `${n === 1 ? 'it stays' : 'they stay'} in memory forever (a goroutine leak): make every task exit before main returns (close its input, cancel its context, or wait for it)`,
      ),
    );
    return lines;
  }

  panic(): string[] {
    const f = this.finding;
    const who = f.task !== null ? this.label(f.task) : 'a task';
    const died = [...this.events].reverse().find((e) => diedOf(eventData(e)) !== null);
    const what = (died && diedOf(eventData(died))) || f.message.replace(/^(?:panic|fatal error): /, '');
    const at = died?.site ? ` at ${died.site}` : '';
    const lines = [`${who} panicked${at}: ${what}.`];
    this.toldDeath = died ?? null;
    const closes = this.events.filter(
      (e) => eventData(e)?.kind === EventKind.ChanClosed && (!died || e.step <= died.step),
    );
    const sent = what.includes(Panic.sendOnClosed);
    if ((sent || what.includes(Panic.closeOfClosed)) && closes.length > 0) {
      const mine = closes.filter((c) => this.events.some((e) => e.obj === c.obj && e.task === f.task));
      const chosen = mine.length > 0 ? mine : closes;
      const obj = chosen[chosen.length - 1]!.obj;
      this.objects.add(obj);
      const first = closes.find((c) => c.obj === obj)!;
      const closedAt = first.site ? ` (at ${first.site})` : '';
      lines.push(
        `${obj} was closed by ${this.label(first.task)} at step ${first.step}${closedAt}, before ${who} ` +
          `${sent ? 'sent on it' : 'closed it again'}${died ? ` at step ${died.step}` : ''}.`,
      );
      lines.push(
        sent
          ? 'Close a channel only after every send on it is done: let the sender close it, or wait for ' +
              'the senders (a WaitGroup) and close it then.'
          : 'Close a channel exactly once: let its one owner (the sender) close it, or guard the close with a Once.',
      );
    } else if (f.summary && f.summary !== f.message && f.summary !== `${who} panicked: ${what}`) {
      lines.push(f.summary);
    }
    if (f.task !== null) {
      const before = this.events
        .filter((e) => e.task === f.task && eventData(e)?.kind !== EventKind.TaskPanicked)
        .slice(-3);
      for (const e of before) if (e.obj) this.objects.add(e.obj);
    }
    this.widen();
    return lines;
  }

  livelock(): string[] {
    const f = this.finding;
    const last = this.events.length > 0 ? this.events[this.events.length - 1]!.step : 0;
    const quiet = f.step - last;
    // A livelock is a run without progress (verdicts.livelock), not a long run: that is a 'steps'
    // finding. Whether the window or maxSteps ended it, the run had not finished and nothing moved.
    const lines = [`At step ${f.step} the run had not finished, and none of its tasks was making progress.`];
    if (quiet > 0) {
      lines.push(
        `Nothing was sent, received, locked, blocked or finished in its last ${quiet} steps: ` +
          'the tasks below only spin (a loop of yield_(), or a select that keeps taking its default case).',
      );
    }
    lines.push('Tasks still alive:');
    for (const t of [...f.tasks].sort((a, b) => a.id - b.id)) lines.push(`  ${this.whyStuck(t, [])}`);
    lines.push('', `So: ${f.summary}.`);
    for (const t of f.tasks) this.tasks.add(t.id);
    return lines;
  }

  /** Add the tasks that touched the kept objects, so their side of the story is told. */
  private widen(): void {
    for (const e of this.events) if (this.objects.has(e.obj) && e.task !== 0) this.tasks.add(e.task);
  }

  /** The events that matter, one line each, oldest first. */
  story(): string[] {
    const keep = this.events.filter((e) => e !== this.toldDeath && this.relevant(e));
    const shown = keep.slice(-STORY_LINES);
    const lines = shown.map(
      (e) =>
        `${this.culpritEvents.has(e) ? '* ' : '  '}step ${String(e.step).padStart(3)}  ${this.label(e.task)} ${eventVerb(e)}${site(e)}`,
    );
    if (keep.length > shown.length) lines.unshift(`  (${keep.length - shown.length} earlier steps left out)`);
    return lines;
  }

  private relevant(e: TraceEvent): boolean {
    const d = eventData(e);
    if (diedOf(d) !== null) return true;
    if (this.objects.has(e.obj) || this.culpritEvents.has(e)) return true;
    switch (d?.kind) {
      case EventKind.TaskSpawned:
        return d.child !== null && e.task !== 0 && this.tasks.has(d.child);
      case EventKind.TaskFinished:
        return this.tasks.has(e.task);
      case EventKind.TaskBlocked:
        return this.tasks.has(e.task) && this.blockedOn.get(e.task) === e;
      // Plain async code's story is its calls, with what they were asked and what they answered
      // (the order answers arrived in is what such bugs turn on), and where a plain await let
      // other tasks in.
      case EventKind.CallStarted:
      case EventKind.CallReturned:
      case EventKind.CallFailed:
      case EventKind.AwaitResumed:
        return true;
      default:
        return false;
    }
  }
}
