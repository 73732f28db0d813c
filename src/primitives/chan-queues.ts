import { WaitQueue } from '../runtime/waitqueue.js';
import { ChanOp, parkTaskless, recvResult, slotToWaiter } from './chan-waiters.js';

/** What `takeFromSlot` returns when no sender is parked in the slot. */
export const NO_SLOT_SENDER: unique symbol = Symbol('no slot sender');

/**
 * A channel's wait queues (Go's recvq and sendq), and free mode's slot in front of them.
 *
 * The slot: free mode's fast path (chan.ts) parks an operation that finds nothing else waiting
 * here, as its promise's `resolve` alone, with no Waiter and no queue links; its partner completes
 * it from the slot. That is the common case (one producer, one consumer), and the Waiter and its
 * links were most of what a parked message cost beyond the one promise no awaited channel can
 * avoid. The slot is the head of its queue: operations that park after it (same direction) go to
 * the queue behind it, and the fast path serves the slot first. Everything else sees only queues:
 * reading `recvq` or `sendq` first puts an occupied slot back at the head of its queue as the
 * ordinary task-less waiter it stands for. Only the fast path, which knows the slot, reads `rq`/`sq`.
 */
export class ChanQueues {
  protected readonly rq = new WaitQueue();
  protected readonly sq = new WaitQueue();
  /** The parked operation's resolve, or null: the slot is empty. */
  protected slotResolve: ((value: unknown) => void) | null = null;
  /** ChanOp.Send for a parked sender (`slotValue` is its value), else the parked receive's op. */
  private slotOp = 0;
  private slotValue: unknown = undefined;

  /** Go's recvq: the parked receivers. */
  get recvq(): WaitQueue {
    if (this.slotResolve !== null) this.unslot();
    return this.rq;
  }

  /** Go's sendq: the parked senders. */
  get sendq(): WaitQueue {
    if (this.slotResolve !== null) this.unslot();
    return this.sq;
  }

  /** The slot's operation becomes a task-less waiter at the head of its queue. */
  private unslot(): void {
    const w = slotToWaiter(this.slotOp, this.slotValue, this.slotResolve!);
    this.slotResolve = null;
    this.slotValue = undefined;
    (w.op === ChanOp.Send ? this.sq : this.rq).unshift(w);
  }

  /** Parks a fast-path operation: in the slot when nothing waits, else at the tail of its queue. */
  protected parkFast(op: number, value: unknown): Promise<any> {
    if (this.slotResolve !== null || !this.rq.empty || !this.sq.empty)
      return parkTaskless(op === ChanOp.Send ? this.sq : this.rq, op, value);
    this.slotOp = op;
    this.slotValue = value;
    return new Promise((resolve) => {
      this.slotResolve = resolve;
    });
  }

  /**
   * A fast-path send with the slot occupied: a receiver parked there takes `value` (true); behind a
   * sender parked there, this send must park too (false).
   */
  protected sendToSlot(value: unknown): boolean {
    const resolve = this.slotResolve!;
    if (this.slotOp === ChanOp.Send) return false;
    this.slotResolve = null; // emptied first: resolving may run user code (a thenable's `then`)
    resolve(recvResult(this.slotOp, value, true));
    return true;
  }

  /**
   * A fast-path receive with the slot occupied: the value of the sender parked there, which
   * completes; or NO_SLOT_SENDER behind a receiver parked there (this one must park too).
   */
  protected takeFromSlot(): unknown {
    const resolve = this.slotResolve!;
    if (this.slotOp !== ChanOp.Send) return NO_SLOT_SENDER;
    const value = this.slotValue;
    this.slotResolve = null;
    this.slotValue = undefined;
    resolve(undefined);
    return value;
  }
}
