/*
 * The race detector: happens-before over the Go memory model's edges, with vector clocks (dense,
 * per task: vector-clock.ts) and FastTrack-style epochs for variables. The scheduler's serialization is not
 * synchronization: two tasks that never synchronize race even though they never ran at once. Only
 * the edges primitives report exist: `go`, channels (send before the receive completes, the k-th
 * receive before the (k+C)-th send, close before a receive that sees it), Mutex (unlock before the
 * next lock), WaitGroup (done before the wait it releases).
 */

import type { Race } from '../../checker/race-report.js';
import { ReceiveClocks } from './receive-clocks.js';
import {
  clockGet,
  clockSet,
  clockSize,
  copyClock,
  joinClock,
  joinClockNoting,
  newClock,
  type VectorClock,
} from './vector-clock.js';

export { newClock, type VectorClock } from './vector-clock.js';
export type { Race } from '../../checker/race-report.js';

/** One access, as an epoch (task, its clock then) and where it happened (replays only). */
interface Epoch {
  readonly task: number;
  readonly clock: number;
  readonly site: string | null;
}

/** What the detector keeps per variable: the last write and the reads since. */
export class VarState {
  write: Epoch | null = null;
  reads: Epoch[] = [];
  constructor(readonly label: string) {}
}

/** Where a task's clock stood (RaceDetector.mark), to ask later what changed since. */
export interface ClockMark {
  readonly generation: number;
  readonly at: number;
}

/**
 * The changes made to one task's clock since journaling began (flat: task, count, task, count...;
 * a later pair for the same task wins). Started by a mark, and begun anew (a new generation, which
 * makes older marks stale) when it would grow past twice the clock, so it never costs more memory
 * than the clock it follows.
 */
interface Journal {
  generation: number;
  log: number[];
}

export class RaceDetector {
  /** Indexed by task id, as clocks are (ids are small and sequential); undefined: none yet, or done. */
  private readonly clocks: (VectorClock | undefined)[] = [];
  private readonly journals: (Journal | undefined)[] = [];
  private generations = 0;

  private clockOf(task: number): VectorClock {
    let c = this.clocks[task];
    if (c === undefined) {
      c = newClock();
      clockSet(c, task, 1);
      this.setClock(task, c);
    }
    return c;
  }

  private setClock(task: number, c: VectorClock): void {
    while (this.clocks.length <= task) this.clocks.push(undefined);
    this.clocks[task] = c;
  }

  private tick(task: number): void {
    const c = this.clockOf(task);
    const n = clockGet(c, task) + 1;
    clockSet(c, task, n);
    const j = this.journals[task];
    if (j !== undefined) this.record(j, c, task, n);
  }

  private record(j: Journal, clock: VectorClock, task: number, count: number): void {
    j.log.push(task, count);
    if (j.log.length > 2 * clockSize(clock) + 64) {
      j.generation = ++this.generations;
      j.log = [];
    }
  }

  /** A task's clock made anew: no journal of the clock it may have had under this id. */
  private replaced(task: number): void {
    if (task < this.journals.length) this.journals[task] = undefined;
  }

  /** `go`: everything the parent did before is ordered before the child's first step. */
  spawn(parent: number, child: number): void {
    const c = copyClock(this.clockOf(parent));
    clockSet(c, child, 1);
    this.setClock(child, c);
    this.replaced(child);
    this.tick(parent);
  }

  /** A task the runtime starts from a synchronization clock (a timer's callback), not a parent. */
  start(task: number, from: VectorClock | null): void {
    const c = from ? copyClock(from) : newClock();
    clockSet(c, task, 1);
    this.setClock(task, c);
    this.replaced(task);
  }

  /** `task` publishes what it has done into a synchronization clock (an unlock, a send). */
  release(task: number, into: VectorClock): void {
    joinClock(into, this.clockOf(task));
    this.tick(task);
  }

  /** `task` learns what a synchronization clock holds (a lock, a receive). */
  acquire(task: number, from: VectorClock): void {
    const into = this.clockOf(task);
    const j = this.journals[task];
    if (j === undefined) {
      joinClock(into, from);
      return;
    }
    joinClockNoting(into, from, (t, c) => this.record(j, into, t, c));
  }

  /**
   * An unbuffered hand-off: the send happens before the receive completes and the receive before
   * the send completes (Go's memory model), so each side learns what the other knew, then both
   * tick. The same clocks as releasing each into a fresh copy and acquiring the other's copy (a
   * task's own entry is the largest anywhere, so the other's knowledge of it never wins), without
   * the copies: one pass over both clocks in place.
   */
  exchange(sender: number, receiver: number): void {
    const a = this.clockOf(sender);
    const b = this.clockOf(receiver);
    const ja = this.journals[sender];
    const jb = this.journals[receiver];
    // a ⊔ b into a, then (a ⊔ b) into b: b's changes are exactly where a ⊔ b exceeds b.
    if (ja === undefined) joinClock(a, b);
    else joinClockNoting(a, b, (t, c) => this.record(ja, a, t, c));
    if (jb === undefined) joinClock(b, a);
    else joinClockNoting(b, a, (t, c) => this.record(jb, b, t, c));
    this.tick(sender);
    this.tick(receiver);
  }

  /** A copy of `task`'s clock, then a tick: a release into a fresh clock (a message). */
  snapshot(task: number): VectorClock {
    const c = this.copy(task);
    this.tick(task);
    return c;
  }

  /** A copy of `task`'s clock as it stands. */
  copy(task: number): VectorClock {
    return copyClock(this.clockOf(task));
  }

  /** The release a snapshot makes, alone: `task`'s own count moves on. */
  advance(task: number): void {
    this.tick(task);
  }

  /** Where `task`'s clock stands now; its changes are journaled from here on (changesSince). */
  mark(task: number): ClockMark {
    let j = this.journals[task];
    if (j === undefined) {
      j = { generation: ++this.generations, log: [] };
      while (this.journals.length <= task) this.journals.push(undefined);
      this.journals[task] = j;
    }
    return { generation: j.generation, at: j.log.length };
  }

  /**
   * What changed in `task`'s clock since `mark` (flat task, count pairs; a later pair for a task
   * wins), or null when the journal no longer reaches back that far.
   */
  changesSince(task: number, mark: ClockMark): number[] | null {
    const j = this.journals[task];
    if (j === undefined || j.generation !== mark.generation) return null;
    return j.log.slice(mark.at);
  }

  /** Finished tasks' clocks are dropped: their releases live on in the clocks they released into. */
  finished(task: number): void {
    if (task < this.clocks.length) this.clocks[task] = undefined;
    this.replaced(task);
  }

  read(task: number, v: VarState, site: string | null): Race | null {
    const c = this.clockOf(task);
    const w = v.write;
    if (w !== null && !ordered(w, task, c)) {
      return { variable: v.label, current: { task, write: false, site }, previous: { ...w, write: true } };
    }
    // Keep the reads this one is not ordered after, in order, in place (no new array per read).
    const reads = v.reads;
    let kept = 0;
    for (let i = 0; i < reads.length; i++) {
      const r = reads[i]!;
      if (r.task !== task && !ordered(r, task, c)) reads[kept++] = r;
    }
    reads.length = kept;
    reads.push({ task, clock: clockGet(c, task), site });
    return null;
  }

  write(task: number, v: VarState, site: string | null): Race | null {
    const c = this.clockOf(task);
    const w = v.write;
    if (w !== null && !ordered(w, task, c)) {
      return { variable: v.label, current: { task, write: true, site }, previous: { ...w, write: true } };
    }
    for (const r of v.reads) {
      if (!ordered(r, task, c)) {
        return { variable: v.label, current: { task, write: true, site }, previous: { ...r, write: false } };
      }
    }
    v.write = { task, clock: clockGet(c, task), site };
    v.reads = [];
    return null;
  }
}

/** Whether access `e` happens before what `task` (whose clock is `c`) does now. */
function ordered(e: Epoch, task: number, c: VectorClock): boolean {
  return e.task === task || e.clock <= clockGet(c, e.task);
}

/**
 * A channel's happens-before bookkeeping (the Go memory model's channel rules): each buffered value
 * carries its sender's clock to its receiver; the k-th receive is ordered before the (k+C)-th send
 * completes (C the capacity; for an unbuffered channel, a receive before its send completes); a
 * close is ordered before every receive that observes it. `variable` is the channel itself, which
 * Go's detector treats as read by a send and written by a close, so an unordered send and close race.
 */
export class ChanHappensBefore {
  private readonly messages: (VectorClock | null)[] = [];
  private sent = 0;
  private received = 0;
  /** The clocks of the receives whose (k+C)-th send has not completed yet (at most C of them). */
  private readonly receives = new ReceiveClocks();
  private closeClock: VectorClock | null = null;
  /** Who made the last receive, and where its clock stood then (for receiveCompleted). */
  private lastReceiver = -1;
  private lastMark: ClockMark | null = null;
  readonly variable: VarState;

  constructor(
    private readonly d: RaceDetector,
    private readonly capacity: number,
    label: string,
  ) {
    this.variable = new VarState(label);
  }

  /** A send completed into the buffer. */
  buffered(sender: number): void {
    this.messages.push(this.d.snapshot(sender));
    this.sendCompleted(sender);
  }

  /**
   * A timer's value entered the buffer, carrying what its armings published (`hb`). It counts as a
   * send (no task made it: nothing to acquire), so the receive it matches is let go.
   */
  fired(hb: VectorClock | null): void {
    this.messages.push(hb ? copyClock(hb) : null);
    this.sent++;
    this.receives.dropThrough(this.sent - this.capacity);
  }

  /** A receive took the buffer's head. */
  unbuffered(receiver: number): void {
    const m = this.messages.shift();
    if (m) this.d.acquire(receiver, m);
    this.receiveCompleted(receiver);
  }

  /** A direct hand-off from a sender to a waiting receiver (or a receiver to a waiting sender). */
  handoff(sender: number, receiver: number): void {
    if (this.capacity === 0) {
      this.d.exchange(sender, receiver); // unbuffered: also the receive before the send completes
      return;
    }
    const m = this.d.snapshot(sender);
    this.sendCompleted(sender);
    this.d.acquire(receiver, m);
    this.receiveCompleted(receiver);
  }

  /** No send completes after a close (it panics): the pending receives' clocks are let go. */
  closedBy(closer: number): void {
    this.closeClock = this.d.snapshot(closer);
    this.receives.clear();
  }

  /** The close publishes `clock` (what another task did: a context's cancel) instead of the closer's. */
  closedWith(clock: VectorClock): void {
    this.closeClock = clock;
    this.receives.clear();
  }

  /** A receive that returned because the channel is closed. */
  observedClose(receiver: number): void {
    if (this.closeClock) this.d.acquire(receiver, this.closeClock);
  }

  /** The clocks this channel holds: its buffered values' and its pending receives' (at most C). */
  get clocksKept(): number {
    return this.messages.length + this.receives.size;
  }

  /** The buffer was emptied (a timer's Stop or Reset): its values count as never sent. */
  drained(): void {
    this.sent -= this.messages.length;
    this.messages.length = 0;
  }

  private sendCompleted(sender: number): void {
    this.sent++;
    // The (k+C)-th send completes after the k-th receive, for every capacity C.
    const r = this.receives.take(this.sent - this.capacity);
    if (r) this.d.acquire(sender, r);
  }

  /**
   * The receive's clock is kept for the (k+C)-th send. When the same task made the receive before
   * it, and that one is still kept, only what changed in its clock since is kept (the detector's
   * journal): a single consumer's receives cost what changed, not a copy of a clock that may hold
   * thousands of tasks (10,000 senders into one chan(10_000) cost a copy of main's clock each).
   */
  private receiveCompleted(receiver: number): void {
    this.received++;
    const changes =
      this.lastReceiver === receiver && this.lastMark !== null && this.receives.size > 0
        ? this.d.changesSince(receiver, this.lastMark)
        : null;
    if (changes !== null) this.receives.pushChanges(this.received, changes);
    else this.receives.push(this.received, this.d.copy(receiver));
    this.lastReceiver = receiver;
    this.lastMark = this.d.mark(receiver);
    this.d.advance(receiver);
  }
}
