/**
 * The least work an awaited channel with Go's rendezvous can do in JavaScript: the engine's floor for
 * the free-mode rows, not a peer. Per message it pays only what no correct `await send`/`await recv`
 * can avoid, and bench/free-counts.ts counts it (bench/free.ts prints `count.*`):
 *  - two `await` resumes (one microtask job each): every `await` suspends, even on a settled promise;
 *  - one fresh pending promise, for the side that arrives first: it must wait for its partner, and
 *    only a pending promise can make an `await` wait (a settled one cannot be reused to wait again);
 *  - for the side that arrives second: the shared resolved promise (a send, or a receive of
 *    nothing), or `Promise.resolve(value)` for a receive that finds a sender parked.
 * The first parked operation is held as its `resolve` alone, in a slot (no object per message);
 * only a second one waiting behind it goes into the overflow arrays. It has no close, no select, no
 * zero value, no starvation guard and no misuse checks, so it is not a channel anyone should ship;
 * `ratio.free_*_vs_floor` says how much of that floor our real channels lose to all they do on top.
 */
const RESOLVED: Promise<unknown> = Promise.resolve();

type Resolve = (value: unknown) => void;

export class FloorChan {
  /** The first parked operation (null: none); all parked operations are sends or all receives. */
  private parked: Resolve | null = null;
  private parkedSends = false;
  private parkedValue: unknown = undefined;
  /** Operations parked behind the slot, in order: their resolves and (senders) values. */
  private readonly moreResolves: Resolve[] = [];
  private readonly moreValues: unknown[] = [];
  private readonly buffer: unknown[] = [];

  constructor(private readonly capacity: number) {}

  send(value: unknown): Promise<unknown> {
    const r = this.parked;
    if (r !== null && !this.parkedSends) {
      this.next();
      r(value);
      return RESOLVED;
    }
    if (this.buffer.length < this.capacity) {
      this.buffer.push(value);
      return RESOLVED;
    }
    return this.park(true, value);
  }

  recv(): Promise<unknown> {
    const r = this.parked;
    if (this.buffer.length > 0) {
      const v = this.buffer.shift();
      if (r !== null) {
        this.buffer.push(this.parkedValue); // a full buffer's parked sender refills it
        this.next();
        r(undefined);
      }
      return Promise.resolve(v);
    }
    if (r !== null && this.parkedSends) {
      const v = this.parkedValue;
      this.next();
      r(undefined);
      return Promise.resolve(v);
    }
    return this.park(false, undefined);
  }

  private park(sends: boolean, value: unknown): Promise<unknown> {
    if (this.parked === null) {
      this.parkedSends = sends;
      this.parkedValue = value;
      return new Promise((resolve) => {
        this.parked = resolve;
      });
    }
    this.moreValues.push(value);
    return new Promise((resolve) => {
      this.moreResolves.push(resolve);
    });
  }

  /** The slot's operation completes: the first one behind it, if any, takes the slot. */
  private next(): void {
    if (this.moreResolves.length === 0) {
      this.parked = null;
      this.parkedValue = undefined;
    } else {
      this.parked = this.moreResolves.shift()!;
      this.parkedValue = this.moreValues.shift();
    }
  }
}
