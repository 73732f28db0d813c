/**
 * The least work an awaited channel can do in JavaScript: the engine's floor for the free-mode rows,
 * not a peer. Per message it pays what no correct implementation of `await send`/`await recv` can
 * avoid: the side that arrives first parks on one fresh pending promise, the other completes with an
 * already-resolved one (shared when there is no value), and both sides' `await` resume once. It has
 * no close, no select, no zero value, no starvation guard and no misuse checks, so it is not a
 * channel anyone should ship; `ratio.free_*_vs_floor` says how much of that floor our real channels
 * lose to everything they do on top.
 */
const RESOLVED: Promise<unknown> = Promise.resolve();

interface Parked {
  readonly value: unknown;
  readonly resolve: (value: unknown) => void;
}

export class FloorChan {
  private readonly senders: Parked[] = [];
  private readonly receivers: Parked[] = [];
  private readonly buffer: unknown[] = [];

  constructor(private readonly capacity: number) {}

  send(value: unknown): Promise<unknown> {
    const r = this.receivers.shift();
    if (r !== undefined) {
      r.resolve(value);
      return RESOLVED;
    }
    if (this.buffer.length < this.capacity) {
      this.buffer.push(value);
      return RESOLVED;
    }
    return new Promise((resolve) => this.senders.push({ value, resolve }));
  }

  recv(): Promise<unknown> {
    if (this.buffer.length > 0) {
      const v = this.buffer.shift();
      const s = this.senders.shift();
      if (s !== undefined) {
        this.buffer.push(s.value);
        s.resolve(undefined);
      }
      return Promise.resolve(v);
    }
    const s = this.senders.shift();
    if (s !== undefined) {
      s.resolve(undefined);
      return Promise.resolve(s.value);
    }
    return new Promise((resolve) => this.receivers.push({ value: undefined, resolve }));
  }
}
