import { InterleaveError } from '../base/errors.js';
import { summarize } from '../runtime/recorder.js';
import type { SelectCase as WaitedCase } from '../runtime/events.js';
import type { Runtime } from '../runtime/contract.js';
import type { Footprint, Option } from '../strategies/strategy.js';
import type { Performer, Task } from '../runtime/task.js';
import { Waiter } from '../runtime/waitqueue.js';
import { realm } from '../runtime/realm.js';
import { ChanOp, requireRuntime, type Chan } from './chan.js';
import { WaitReason } from '../base/go-texts.js';
import type { MaybeChan } from './nil.js';

/** `case v, ok := <-ch:` */
export interface RecvCase<T = unknown, Z = unknown> {
  readonly recv: MaybeChan<T, Z>;
}
/** `case ch <- value:` */
export interface SendCase<T = unknown, Z = unknown> {
  readonly send: MaybeChan<T, Z>;
  readonly value: T;
}
/** `default:` — the select does not block. */
export interface DefaultCase {
  readonly default: true;
}
export type SelectCase = RecvCase<any, any> | SendCase<any, any> | DefaultCase;

type Fired<C, I> =
  C extends RecvCase<infer T, infer Z>
    ? { readonly index: I; readonly value: T | Z; readonly ok: boolean }
    : { readonly index: I; readonly value: undefined; readonly ok: boolean };

/** Which case fired (its position in the array), with the received value and ok for receive cases. */
export type SelectResult<Cs extends readonly SelectCase[]> = {
  [K in keyof Cs]: Fired<Cs[K], K extends `${infer N extends number}` ? N : never>;
}[number];

class CaseOption implements Option {
  constructor(
    readonly stableId: string,
    readonly task: number,
    private readonly ch: Chan<unknown, unknown>,
  ) {}
  footprint(): Footprint {
    return this.ch.footprint();
  }
}

/*
 * Go's selectgo in three passes: poll every case for readiness; if none is ready and there is no
 * default, enqueue a waiter on every non-nil channel; when a partner fires one waiter, the others
 * leave their queues (dequeueFiring). The choice among ready cases is the strategy's, uniform per
 * case, so a channel named twice counts twice. A select never pairs with itself: its own waiters
 * exist only while it is parked, and then its task is not running.
 */
class SelectOp implements Performer {
  readonly label = 'select';

  constructor(
    private readonly rt: Runtime,
    private readonly cases: readonly SelectCase[],
    private readonly defaultIndex: number,
  ) {}

  footprint(): Footprint {
    const out: { obj: number; write: boolean }[] = [];
    for (const c of this.cases) {
      const ch = channelOf(c);
      if (ch) out.push({ obj: ch.id, write: true });
    }
    return out;
  }

  /** The cases it waits on, in words: `send 1 on chan#4 | receive from chan#2` (nil channels left out). */
  describe(): WaitedCase[] {
    const parts: WaitedCase[] = [];
    for (const c of this.cases) {
      const ch = channelOf(c);
      if (!ch) continue;
      parts.push(
        'send' in c
          ? { op: 'send', obj: ch.label, value: summarize(c.value) }
          : { op: 'recv', obj: ch.label },
      );
    }
    return parts;
  }

  perform(task: Task): boolean {
    const cases = this.cases;
    let first = -1;
    let ready: number[] | null = null;
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i]!;
      const ch = channelOf(c);
      if (!ch || !('send' in c ? ch.canSend() : ch.canRecv())) continue;
      if (first < 0) first = i;
      else (ready ??= [first]).push(i);
    }
    if (first < 0) this.polledSends(task);
    if (first >= 0) {
      const k = ready ? ready[this.chooseCase(task, ready)]! : first;
      const c = cases[k]!;
      const ch = channelOf(c)!;
      this.rt.recorder?.emit(this.rt.steps, task.id, 'SelectChose', { obj: ch.label, index: k }, task.site);
      if ('send' in c) ch.trySend(task, c.value, k);
      else ch.tryRecv(task, k);
      return true;
    }
    if (this.defaultIndex >= 0) {
      this.rt.recorder?.emit(this.rt.steps, task.id, 'SelectChose', { obj: '', index: null }, task.site);
      task.result = { index: this.defaultIndex, value: undefined, ok: false };
      task.spinning = true; // a loop around a select with default spins until another task moves
      return true;
    }
    this.park(task);
    return false;
  }

  /**
   * No case was ready: Go's select polled every send case, and its detector counts each poll as a
   * read of the channel (so a send case racing a close is a race even when the select blocks).
   */
  private polledSends(task: Task): void {
    for (const c of this.cases) {
      if (!('send' in c)) continue;
      channelOf(c)?.polledForSend(task);
    }
  }

  private chooseCase(task: Task, ready: number[]): number {
    return this.rt.chooseAmong('case', ready.length, (k) => {
      const i = ready[k]!;
      const ch = channelOf(this.cases[i]!)!;
      return new CaseOption(`case${i}:${ch.stableLabel}`, task.id, ch);
    });
  }

  private park(task: Task): void {
    const cases = this.cases;
    const siblings: Waiter[] = [];
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i]!;
      const ch = channelOf(c);
      if (!ch) continue;
      const w = new Waiter(task, 'send' in c ? c.value : undefined, i, siblings);
      siblings.push(w);
      ('send' in c ? ch.sendq : ch.recvq).push(w);
    }
    // Go compiles a one-case select to a plain channel operation, so its dump says `chan receive`.
    const only = cases.length === 1 ? cases[0]! : null;
    if (cases.length === 0) task.waitReason = WaitReason.selectNoCases;
    else if (only && 'send' in only)
      task.waitReason = only.send ? WaitReason.chanSend : WaitReason.chanSendNil;
    else if (only && 'recv' in only)
      task.waitReason = only.recv ? WaitReason.chanReceive : WaitReason.chanReceiveNil;
    else task.waitReason = WaitReason.select;
  }
}

function channelOf(c: SelectCase): Chan<unknown, unknown> | null {
  if ('recv' in c) return (c.recv as Chan<unknown, unknown> | null | undefined) ?? null;
  if ('send' in c) return (c.send as Chan<unknown, unknown> | null | undefined) ?? null;
  return null;
}

/**
 * Go's `select`. Cases are `{ recv: ch }`, `{ send: ch, value }` and `{ default: true }`; `null` is the
 * nil channel (never ready). Resolves with the index of the case that fired:
 *
 * ```ts
 * const r = await select([{ recv: done }, { send: out, value: v }]);
 * if (r.index === 0) return;
 * ```
 * `select([])` blocks forever, as Go's `select {}`.
 */
export function select<const Cs extends readonly SelectCase[]>(cases: Cs): Promise<SelectResult<Cs>> {
  const rt = requireRuntime('select');
  let defaultIndex = -1;
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i] as SelectCase | undefined;
    if (c && 'default' in c && c.default === true) {
      if (defaultIndex >= 0)
        throw new InterleaveError(`select has two default cases (${defaultIndex} and ${i})`);
      defaultIndex = i;
    } else if (!c || !('recv' in c || 'send' in c)) {
      throw new InterleaveError(
        `select case ${i} is ${summarize(c)}: a case is { recv: ch }, { send: ch, value } or { default: true }`,
      );
    }
  }
  const live = realm.rt !== null && !realm.rt.ended;
  for (const c of cases) {
    const ch = channelOf(c);
    // A channel of another runtime (free mode's, or another run's): its owner reports the misuse, as
    // for a plain operation. With no run in flight and a channel of free mode, the select's runtime is
    // a finished run's: its own announce drops the late continuation.
    if (ch !== null && ch.rt !== rt && (live || !ch.rt.free))
      return ch.rt.announce(ch, ChanOp.Recv, undefined, 'select');
  }
  return rt.announce(new SelectOp(rt, cases, defaultIndex), 0, undefined, 'select');
}
