import { GoPanic } from '../base/errors.js';
import type { Runtime } from '../runtime/contract.js';
import type { Task } from '../runtime/task.js';
import { Waiter, type WaitQueue } from '../runtime/waitqueue.js';
import { Panic } from '../base/go-texts.js';

/*
 * A channel's operations and what completes them once parked (chan.ts is the state machine). A
 * parked operation is a Waiter with a task (under a run, or free mode's long way), or a task-less
 * waiter of free mode's fast path (waitqueue.ts): these functions complete either kind, so that a
 * partner never needs to know which kind it found.
 */

export const ChanOp = { Send: 1, Recv: 2, RecvOk: 3, RecvIter: 4 } as const;

/** What a receive resolves with, by how it was called (`recv`, `recvOk`, or `for await`). */
export function recvResult(op: number, value: unknown, ok: boolean): unknown {
  if (op === ChanOp.Recv) return value;
  if (op === ChanOp.RecvOk) return [value, ok];
  return ok ? { value, done: false } : { value: undefined, done: true };
}

/** Result of a select: which case fired, the value received (receive cases), and ok. */
export interface SelectFired {
  readonly index: number;
  readonly value: unknown;
  readonly ok: boolean;
}

/** Completes a parked receiver: a plain receive, or one case of a select. */
export function completeWaiter(rt: Runtime, w: Waiter, value: unknown, ok: boolean): void {
  const t = w.task;
  if (t === null) w.resolve!(recvResult(w.op, value, ok));
  else if (w.caseIndex >= 0) rt.wake(t, { index: w.caseIndex, value, ok } satisfies SelectFired);
  else rt.wake(t, recvResult(t.op, value, ok));
}

/** Completes a parked sender whose value was taken. */
export function completeSender(rt: Runtime, w: Waiter): void {
  const t = w.task;
  if (t === null) w.resolve!(undefined);
  else if (w.caseIndex >= 0)
    rt.wake(t, { index: w.caseIndex, value: undefined, ok: true } satisfies SelectFired);
  else rt.wake(t, undefined);
}

/** Fails a parked sender: its channel was closed. */
export function failSender(rt: Runtime, w: Waiter): void {
  const panic = new GoPanic(Panic.sendOnClosed);
  if (w.task === null) w.resolve!(Promise.reject(panic));
  else rt.wakeFailure(w.task, panic);
}

/**
 * Parks a plain operation of free mode's fast path: a task-less waiter that its partner completes
 * (waitqueue.ts says why there is no Task).
 */
export function parkTaskless(q: WaitQueue, op: number, value: unknown): Promise<any> {
  const w = new Waiter(null, value);
  w.op = op;
  q.push(w);
  return new Promise((resolve) => {
    w.resolve = resolve;
  });
}

/** A fast-path operation parked in its channel's slot (chan-queues.ts), as the waiter it stands for. */
export function slotToWaiter(op: number, value: unknown, resolve: (value: unknown) => void): Waiter {
  const w = new Waiter(null, value);
  w.op = op;
  w.resolve = resolve;
  return w;
}

/**
 * The task of a waiter where only a run can be (the race detector and the recorder are never on in
 * free mode, and only free mode parks task-less waiters).
 */
export function taskOf(w: Waiter): Task {
  return w.task!;
}
