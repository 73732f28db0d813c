import { ChanHappensBefore, type VectorClock } from '../runtime/happens-before/race.js';
import { GoPanic } from '../base/errors.js';
import { lateOrFree } from '../free/free.js';
import { realm } from '../runtime/realm.js';
import { summarize } from '../runtime/recorder.js';
import type { FreeFastPath, Owned, Runtime } from '../runtime/contract.js';
import type { Footprint } from '../strategies/strategy.js';
import type { Performer, Task } from '../runtime/task.js';
import { dequeueFiring, Waiter } from '../runtime/waitqueue.js';
import { ChanOp, completeSender, completeWaiter, failSender, recvResult, taskOf } from './chan-waiters.js';
import { ChanQueues, NO_SLOT_SENDER } from './chan-queues.js';
import { chanInvariantViolation } from './chan-invariants.js';
import { Panic, WaitReason } from '../base/go-texts.js';
import { isNameOnly, nameOption, type NameOptions } from './name.js';

export { ChanOp, recvResult, type SelectFired } from './chan-waiters.js';

/*
 * A channel, following src/runtime/chan.go. Invariants, asserted by the tests at every step:
 *  - at most one of recvq and sendq is non-empty;
 *  - a non-empty buffer means no waiting receivers (recvq empty when count > 0);
 *  - a buffer with free space means no waiting senders (sendq empty when count < capacity);
 *  - a closed channel has no waiting senders (close woke them all into a panic).
 * Each operation climbs Go's ladder in order: nil → closed → direct hand-off → buffer → park.
 */

/**
 * The runtime an operation belongs to: the run in flight, or free mode (an ordinary program with no
 * explorer: free/free.ts).
 */
export function requireRuntime(_what: string): Runtime {
  return realm.rt ?? lateOrFree();
}

export class Chan<T, Z = undefined> extends ChanQueues implements Performer, Owned {
  readonly rt: Runtime;
  readonly id: number;
  /** What a person reads: `chan#2`, or `chan#2 (jobs)` when named. */
  readonly label: string;
  /** What a schedule records (select case ids): always `chan#2`, named or not. */
  readonly stableLabel: string;
  readonly capacity: number;
  /** Value a receive from the closed, drained channel returns (Go's zero value). */
  readonly zero: Z;
  private buf: T[] = [];
  private head = 0;
  closed = false;
  private readonly fp: Footprint;
  /** Free mode's runtime: this channel takes the fast path (send, receive) while it allows. */
  private readonly free: FreeFastPath | null;
  /** Happens-before for the race detector (null when it is off). */
  private readonly hb: ChanHappensBefore | null;
  /**
   * Called before every receive attempt (a plain receive or a select poll). Timer channels use it
   * to deliver a firing that is due but was not run eagerly (Go 1.23 runs such timers lazily).
   */
  protected beforeRecv: (() => void) | null = null;

  constructor(capacity = 0, zero?: Z, options?: NameOptions) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new GoPanic('makechan: size out of range');
    super();
    const name = nameOption(options, 'chan()');
    this.rt = requireRuntime('chan()');
    const { id, label, stableLabel } = this.rt.register('chan', name);
    this.id = id;
    this.label = label;
    this.stableLabel = stableLabel;
    this.capacity = capacity;
    this.zero = zero as Z;
    this.fp = [{ obj: id, write: true }];
    this.hb = this.rt.race ? new ChanHappensBefore(this.rt.race, capacity, label) : null;
    this.free = this.rt.fastPath;
  }

  /** Number of buffered values (never counts blocked senders), as Go's len(ch). */
  get count(): number {
    return this.buf.length - this.head;
  }

  /** Send `value`; blocks until a receiver takes it or buffer space frees. Panics if closed. */
  send(value: T): Promise<void> {
    const free = this.free;
    if (free !== null && free.fast && !this.closed) {
      // Free mode's fast path: trySend's ladder for a plain send (on a closed channel, the long way
      // panics), the slot (chan-queues.ts) before the queue.
      if (this.slotResolve !== null && this.sendToSlot(value)) return free.completedEmpty();
      const w = dequeueFiring(this.rq);
      if (w !== null) {
        completeWaiter(free, w, value, true);
        return free.completedEmpty();
      }
      if (this.count < this.capacity) {
        this.buf.push(value);
        return free.completedEmpty();
      }
      return this.parkFast(ChanOp.Send, value);
    }
    return this.rt.announce(this, ChanOp.Send, value, 'send');
  }

  /** Receive a value; the zero value once closed and drained. */
  recv(): Promise<T | Z> {
    return this.receive(ChanOp.Recv);
  }

  /** Receive with Go's `v, ok := <-ch`: ok is false once closed and drained. */
  recvOk(): Promise<[T | Z, boolean]> {
    return this.receive(ChanOp.RecvOk);
  }

  private receive(op: number): Promise<any> {
    const free = this.free;
    if (free !== null && free.fast && this.beforeRecv === null) {
      // Free mode's fast path: tryRecv's ladder for a plain receive (timer channels go the long way),
      // the slot (chan-queues.ts) before the queue.
      if (this.slotResolve !== null) {
        const sent = this.takeFromSlot();
        if (sent !== NO_SLOT_SENDER)
          return free.completedWith(recvResult(op, this.passThrough(sent as T), true));
      }
      const s = dequeueFiring(this.sq);
      if (s !== null) {
        const value = this.passThrough(s.value as T);
        completeSender(free, s);
        return free.completedWith(recvResult(op, value, true));
      }
      if (this.count > 0) return free.completedWith(recvResult(op, this.shift(), true));
      if (this.closed) return free.completedWith(recvResult(op, this.zero, false));
      return this.parkFast(op, undefined);
    }
    return this.rt.announce(this, op, undefined, 'recv');
  }

  /** Go's `close(ch)`. Synchronous. Wakes every receiver (zero, !ok) and every blocked sender (panic). */
  close(): void {
    const rt = this.rt;
    const t = rt.caller('close', this.label);
    if (t === null) return;
    if (this.closed) throw new GoPanic(Panic.closeOfClosed);
    if (this.hb) {
      rt.raceWrite(t, this.hb.variable); // Go's detector: a close writes the channel
      this.hb.closedBy(t.id);
    }
    this.closed = true;
    rt.recorder?.emit(rt.steps, t.id, 'ChanClosed', { obj: this.label }, t.site);
    for (let w = dequeueFiring(this.recvq); w; w = dequeueFiring(this.recvq)) {
      this.hb?.observedClose(taskOf(w).id);
      completeWaiter(rt, w, this.zero, false);
    }
    for (let w = dequeueFiring(this.sendq); w; w = dequeueFiring(this.sendq)) failSender(rt, w);
  }

  len(): number {
    return this.count;
  }

  cap(): number {
    return this.capacity;
  }

  /** `for await (const v of ch)`: Go's `for v := range ch`. */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: (): Promise<IteratorResult<T>> => this.receive(ChanOp.RecvIter),
    };
  }

  /** The invariants of the header comment; null when they hold (chan-invariants.ts). */
  invariantViolation(): string | null {
    return chanInvariantViolation(this);
  }

  /**
   * A send by the runtime itself (a timer firing), never blocking: hand-off to a waiting receiver,
   * else into the buffer, else dropped (false), as Go's timers drop ticks for slow receivers.
   */
  offer(value: T, hb: VectorClock | null): boolean {
    const rt = this.rt;
    const w = dequeueFiring(this.recvq);
    if (w) {
      if (hb !== null) rt.race?.acquire(taskOf(w).id, hb); // the timer's arming before the receive
      if (rt.recorder)
        rt.recorder.emit(
          rt.steps,
          taskOf(w).id,
          'ChanReceived',
          { obj: this.label, value: summarize(value) },
          taskOf(w).site,
        );
      completeWaiter(rt, w, value, true);
      return true;
    }
    if (this.count < this.capacity) {
      this.buf.push(value);
      this.hb?.fired(hb);
      return true;
    }
    return false;
  }

  /** @internal A select polled this channel for a send without sending (the read Go's detector records). */
  polledForSend(task: Task): void {
    if (this.hb) this.rt.raceRead(task, this.hb.variable);
  }

  /** @internal Happens-before: receives that observe the close acquire `hb` (a context's cancel). */
  closedAfter(hb: VectorClock): void {
    this.hb?.closedWith(hb);
  }

  /** Empties the buffer (a stopped or reset timer leaves no stale value, as in Go 1.23). */
  drain(): void {
    this.buf = [];
    this.head = 0;
    this.hb?.drained();
  }

  // ── the state machine (called by the runtime inside a step) ──────────────────────────────────

  perform(task: Task): boolean {
    if (task.op === ChanOp.Send) return this.trySend(task, task.arg as T, -1);
    return this.tryRecv(task, -1);
  }

  footprint(): Footprint {
    return this.fp;
  }

  /** Whether a send would complete now (or panic: a send on a closed channel is "ready" too). */
  canSend(): boolean {
    return this.closed || !this.recvq.empty || this.count < this.capacity;
  }

  canRecv(): boolean {
    if (this.beforeRecv !== null) this.beforeRecv();
    return this.count > 0 || !this.sendq.empty || this.closed;
  }

  /**
   * Send for `task` (as a plain send, or case `caseIndex` of a select). Returns false to park;
   * the caller parks (plain sends park here).
   */
  trySend(task: Task, value: T, caseIndex: number): boolean {
    const rt = this.rt;
    // Go's detector: a send reads the channel, before it looks at closed (a send that panics on a
    // close not ordered before it races with that close).
    if (this.hb) rt.raceRead(task, this.hb.variable);
    if (this.closed) {
      task.setFailure(new GoPanic(Panic.sendOnClosed));
      return true;
    }
    const w = dequeueFiring(this.recvq);
    if (w) {
      // Direct hand-off to the first waiting receiver.
      this.hb?.handoff(task.id, taskOf(w).id);
      if (rt.recorder) this.recordTransfer(task, taskOf(w), value);
      completeWaiter(rt, w, value, true);
      this.complete(task, caseIndex, undefined, true);
      return true;
    }
    if (this.count < this.capacity) {
      this.buf.push(value);
      this.hb?.buffered(task.id);
      rt.recorder?.emit(
        rt.steps,
        task.id,
        'ChanSent',
        { obj: this.label, value: summarize(value) },
        task.site,
      );
      this.complete(task, caseIndex, undefined, true);
      return true;
    }
    if (caseIndex < 0) {
      this.sendq.push(new Waiter(task, value));
      task.waitReason = WaitReason.chanSend;
    }
    return false;
  }

  tryRecv(task: Task, caseIndex: number): boolean {
    const rt = this.rt;
    if (this.beforeRecv !== null) this.beforeRecv();
    const s = dequeueFiring(this.sendq);
    if (s) {
      let value: T;
      if (this.capacity === 0) {
        value = s.value as T;
        this.hb?.handoff(taskOf(s).id, task.id);
      } else {
        // Buffer full: take its head, and the sender's value goes to the tail (FIFO preserved).
        value = this.shift();
        this.hb?.unbuffered(task.id);
        this.buf.push(s.value as T);
        this.hb?.buffered(taskOf(s).id);
      }
      if (rt.recorder) this.recordTransfer(taskOf(s), task, s.value, value);
      completeSender(rt, s);
      this.complete(task, caseIndex, value, true);
      return true;
    }
    if (this.count > 0) {
      const value = this.shift();
      this.hb?.unbuffered(task.id);
      rt.recorder?.emit(
        rt.steps,
        task.id,
        'ChanReceived',
        { obj: this.label, value: summarize(value) },
        task.site,
      );
      this.complete(task, caseIndex, value, true);
      return true;
    }
    if (this.closed) {
      this.hb?.observedClose(task.id);
      rt.recorder?.emit(rt.steps, task.id, 'ChanReceived', { obj: this.label, value: null }, task.site);
      this.complete(task, caseIndex, this.zero, false);
      return true;
    }
    if (caseIndex < 0) {
      this.recvq.push(new Waiter(task, undefined));
      task.waitReason = WaitReason.chanReceive;
    }
    return false;
  }

  private complete(task: Task, caseIndex: number, value: unknown, ok: boolean): void {
    task.result = caseIndex >= 0 ? { index: caseIndex, value, ok } : recvResult(task.op, value, ok);
  }

  /**
   * What a receive gets when a sender waits: its value on an unbuffered channel; on a full buffer,
   * the buffer's head, the sender's value going to the tail (FIFO kept).
   */
  private passThrough(sent: T): T {
    if (this.capacity === 0) return sent;
    const value = this.shift();
    this.buf.push(sent);
    return value;
  }

  private shift(): T {
    const v = this.buf[this.head]!;
    this.buf[this.head] = undefined as T;
    this.head++;
    if (this.head === this.buf.length) {
      this.buf = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.buf.length) {
      this.buf = this.buf.slice(this.head);
      this.head = 0;
    }
    return v;
  }

  private recordTransfer(sender: Task, receiver: Task, sent: unknown, received: unknown = sent): void {
    const rt = this.rt;
    rt.recorder!.emit(
      rt.steps,
      sender.id,
      'ChanSent',
      { obj: this.label, value: summarize(sent) },
      sender.site,
    );
    rt.recorder!.emit(
      rt.steps,
      receiver.id,
      'ChanReceived',
      { obj: this.label, value: summarize(received) },
      receiver.site,
    );
  }
}

/**
 * Make a channel: Go's `make(chan T, capacity)`. `zero` is what receives return once closed.
 * `options.name` names it in every report (`chan#2 (jobs)`). With two arguments, the second is the
 * options when it is exactly `{ name }`; a zero value of that very shape goes with options third:
 * `chan(0, { name: 'x' }, {})`.
 */
export function chan<T>(capacity?: number, options?: NameOptions): Chan<T, undefined>;
export function chan<T>(capacity: number, zero: T, options?: NameOptions): Chan<T, T>;
export function chan<T>(capacity = 0, ...rest: unknown[]): Chan<T, T | undefined> {
  if (rest.length === 1 && isNameOnly(rest[0]))
    return new Chan<T, T | undefined>(capacity, undefined, rest[0]);
  return new Chan<T, T | undefined>(capacity, rest[0] as T | undefined, rest[1] as NameOptions | undefined);
}
