import { GoPanic } from '../base/errors.js';
import type { Footprint } from '../strategies/strategy.js';
import type { Performer, Task } from '../runtime/task.js';
import { ChanOp, requireRuntime, type Chan } from './chan.js';
import { Panic, WaitReason } from '../base/go-texts.js';

/** The nil channel: every send and receive blocks forever, with Go's `(nil chan)` wait reasons. */
const nilChan: Performer = {
  label: 'nil chan',
  perform(task: Task): boolean {
    task.waitReason = task.op === ChanOp.Send ? WaitReason.chanSendNil : WaitReason.chanReceiveNil;
    return false;
  },
  footprint(): Footprint {
    return [];
  },
};

/** A channel or Go's nil channel. */
export type MaybeChan<T, Z = undefined> = Chan<T, Z> | null | undefined;

/** `ch <- v`, accepting the nil channel (blocks forever). */
export function send<T, Z>(ch: MaybeChan<T, Z>, value: T): Promise<void> {
  if (ch) return ch.send(value);
  return requireRuntime('send').announce(nilChan, ChanOp.Send, value, 'send');
}

/** `<-ch`, accepting the nil channel (blocks forever). */
export function recv<T, Z>(ch: MaybeChan<T, Z>): Promise<T | Z> {
  if (ch) return ch.recv();
  return requireRuntime('recv').announce(nilChan, ChanOp.Recv, undefined, 'recv');
}

/** `v, ok := <-ch`, accepting the nil channel (blocks forever). */
export function recvOk<T, Z>(ch: MaybeChan<T, Z>): Promise<[T | Z, boolean]> {
  if (ch) return ch.recvOk();
  return requireRuntime('recv').announce(nilChan, ChanOp.RecvOk, undefined, 'recv');
}

/** `close(ch)`: panics with Go's `close of nil channel` for the nil channel. */
export function close<T, Z>(ch: MaybeChan<T, Z>): void {
  if (ch) {
    ch.close();
    return;
  }
  const rt = requireRuntime('close');
  if (rt.caller('close') === null) return;
  throw new GoPanic(Panic.closeOfNil);
}

export function len<T, Z>(ch: MaybeChan<T, Z>): number {
  return ch ? ch.len() : 0;
}

export function cap<T, Z>(ch: MaybeChan<T, Z>): number {
  return ch ? ch.cap() : 0;
}

/** `for v := range ch` over a possibly-nil channel (a nil channel blocks forever). */
export function range<T, Z>(ch: MaybeChan<T, Z>): AsyncIterable<T> {
  if (ch) return ch;
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => requireRuntime('range').announce(nilChan, ChanOp.RecvIter, undefined, 'recv'),
    }),
  };
}
