import type { WaitQueue } from '../runtime/waitqueue.js';

/** What the invariants of a channel (chan.ts's header comment) read of it. */
interface ChanState {
  readonly label: string;
  readonly capacity: number;
  readonly count: number;
  readonly closed: boolean;
  readonly recvq: WaitQueue;
  readonly sendq: WaitQueue;
}

/**
 * The invariants of a channel's state (chan.ts's header comment); null when they hold. Go's one
 * exception: a select may wait to send and to receive on the same unbuffered channel at once (even
 * on several cases of each).
 */
export function chanInvariantViolation(ch: ChanState): string | null {
  if (!ch.recvq.empty && !ch.sendq.empty && !oneSelectWaits(ch))
    return `${ch.label}: both wait queues are non-empty`;
  if (ch.count > 0 && !ch.recvq.empty) return `${ch.label}: buffered values with waiting receivers`;
  if (ch.count < ch.capacity && !ch.sendq.empty) return `${ch.label}: free buffer space with waiting senders`;
  if (ch.count > ch.capacity) return `${ch.label}: ${ch.count} values in a buffer of ${ch.capacity}`;
  if (ch.closed && !ch.sendq.empty) return `${ch.label}: closed with waiting senders`;
  return null;
}

/** Every waiter in both queues is one select's (its cases may name this channel several times). */
function oneSelectWaits(ch: ChanState): boolean {
  const t = ch.recvq.peek()!.task;
  if (t === null || ch.capacity !== 0) return false;
  for (const w of ch.recvq) if (w.task !== t) return false;
  for (const w of ch.sendq) if (w.task !== t) return false;
  return true;
}
