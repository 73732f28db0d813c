/*
 * The race detector: happens-before over the Go memory model's edges, with vector clocks (sparse,
 * per task) and FastTrack-style epochs for variables. The scheduler's serialization is not
 * synchronization: two tasks that never synchronize race even though they never ran at once. Only
 * the edges primitives report exist: `go`, channels (send before the receive completes, the k-th
 * receive before the (k+C)-th send, close before a receive that sees it), Mutex (unlock before the
 * next lock), WaitGroup (done before the wait it releases).
 */

/** A vector clock: task id → the count of that task's releases known. Sparse. */
export type VectorClock = Map<number, number>;

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

export interface Race {
  readonly variable: string;
  readonly current: { readonly task: number; readonly write: boolean; readonly site: string | null };
  readonly previous: { readonly task: number; readonly write: boolean; readonly site: string | null };
}

function join(into: VectorClock, from: VectorClock): void {
  for (const [t, c] of from) if ((into.get(t) ?? 0) < c) into.set(t, c);
}

export class RaceDetector {
  private readonly clocks = new Map<number, VectorClock>();

  private clockOf(task: number): VectorClock {
    let c = this.clocks.get(task);
    if (c === undefined) this.clocks.set(task, (c = new Map([[task, 1]])));
    return c;
  }

  private tick(task: number): void {
    const c = this.clockOf(task);
    c.set(task, (c.get(task) ?? 0) + 1);
  }

  /** `go`: everything the parent did before is ordered before the child's first step. */
  spawn(parent: number, child: number): void {
    const c = new Map(this.clockOf(parent));
    c.set(child, 1);
    this.clocks.set(child, c);
    this.tick(parent);
  }

  /** A task the runtime starts from a synchronization clock (a timer's callback), not a parent. */
  start(task: number, from: VectorClock | null): void {
    const c: VectorClock = from ? new Map(from) : new Map();
    c.set(task, 1);
    this.clocks.set(task, c);
  }

  /** `task` publishes what it has done into a synchronization clock (an unlock, a send). */
  release(task: number, into: VectorClock): void {
    join(into, this.clockOf(task));
    this.tick(task);
  }

  /** `task` learns what a synchronization clock holds (a lock, a receive). */
  acquire(task: number, from: VectorClock): void {
    join(this.clockOf(task), from);
  }

  /** A copy of `task`'s clock, then a tick: a release into a fresh clock (a message). */
  snapshot(task: number): VectorClock {
    const c = new Map(this.clockOf(task));
    this.tick(task);
    return c;
  }

  /** Finished tasks' clocks are dropped: their releases live on in the clocks they released into. */
  finished(task: number): void {
    this.clocks.delete(task);
  }

  private ordered(e: Epoch, task: number): boolean {
    return e.task === task || e.clock <= (this.clockOf(task).get(e.task) ?? 0);
  }

  read(task: number, v: VarState, site: string | null): Race | null {
    const w = v.write;
    if (w !== null && !this.ordered(w, task)) {
      return { variable: v.label, current: { task, write: false, site }, previous: { ...w, write: true } };
    }
    const clock = this.clockOf(task).get(task)!;
    v.reads = v.reads.filter((r) => r.task !== task && !this.ordered(r, task));
    v.reads.push({ task, clock, site });
    return null;
  }

  write(task: number, v: VarState, site: string | null): Race | null {
    const w = v.write;
    if (w !== null && !this.ordered(w, task)) {
      return { variable: v.label, current: { task, write: true, site }, previous: { ...w, write: true } };
    }
    for (const r of v.reads) {
      if (!this.ordered(r, task)) {
        return { variable: v.label, current: { task, write: true, site }, previous: { ...r, write: false } };
      }
    }
    v.write = { task, clock: this.clockOf(task).get(task)!, site };
    v.reads = [];
    return null;
  }
}

/**
 * A channel's happens-before bookkeeping (the Go memory model's channel rules): each buffered value
 * carries its sender's clock to its receiver; the k-th receive is ordered before the (k+C)-th send
 * completes (C the capacity; for an unbuffered channel, a receive before its send completes); a
 * close is ordered before every receive that observes it. `variable` is the channel itself, which
 * Go's detector treats as read by a send and written by a close, so an unordered send and close race.
 */
/** Capacities up to which the k/k+C rule is modelled (see receiveCompleted). */
const KEEP_FOR_CAPACITY = 64;

export class ChanHappensBefore {
  private readonly messages: (VectorClock | null)[] = [];
  private sent = 0;
  private received = 0;
  private readonly receives = new Map<number, VectorClock>();
  private closeClock: VectorClock | null = null;
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

  /** A timer's value entered the buffer, carrying what its armings published (`hb`). */
  fired(hb: VectorClock | null): void {
    this.messages.push(hb ? new Map(hb) : null);
  }

  /** A receive took the buffer's head. */
  unbuffered(receiver: number): void {
    const m = this.messages.shift();
    if (m) this.d.acquire(receiver, m);
    this.receiveCompleted(receiver);
  }

  /** A direct hand-off from a sender to a waiting receiver (or a receiver to a waiting sender). */
  handoff(sender: number, receiver: number): void {
    const m = this.d.snapshot(sender);
    if (this.capacity === 0) {
      this.d.acquire(sender, this.d.snapshot(receiver)); // unbuffered: the receive before the send completes
      this.d.acquire(receiver, m);
      return;
    }
    this.sendCompleted(sender);
    this.d.acquire(receiver, m);
    this.receiveCompleted(receiver);
  }

  closedBy(closer: number): void {
    this.closeClock = this.d.snapshot(closer);
  }

  /** The close publishes `clock` (what another task did: a context's cancel) instead of the closer's. */
  closedWith(clock: VectorClock): void {
    this.closeClock = clock;
  }

  /** A receive that returned because the channel is closed. */
  observedClose(receiver: number): void {
    if (this.closeClock) this.d.acquire(receiver, this.closeClock);
  }

  /** The buffer was emptied (a timer's Stop or Reset). */
  drained(): void {
    this.messages.length = 0;
  }

  private sendCompleted(sender: number): void {
    this.sent++;
    const k = this.sent - this.capacity;
    const r = this.receives.get(k);
    if (r) {
      this.d.acquire(sender, r);
      this.receives.delete(k);
    }
  }

  private receiveCompleted(receiver: number): void {
    this.received++;
    // The k-th receive's clock waits for the (k+C)-th send. Kept for small capacities only (a
    // buffered channel used as a semaphore or lock, where the rule matters): a large buffer would
    // hold C clocks of every receiver. Beyond KEEP_FOR_CAPACITY, that edge is not modelled.
    if (this.capacity <= KEEP_FOR_CAPACITY) this.receives.set(this.received, this.d.snapshot(receiver));
  }
}
