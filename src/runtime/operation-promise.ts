import type { Task } from './task.js';

/*
 * The promise a task awaits for an operation it announced: settled by the run loop when the
 * strategy resumes the task (run-loop.ts, resume). Its executor is one function for every
 * operation, not a closure per step.
 */

/** The task whose operation's promise is being made; read by takeResolvers. */
let announcing: Task | null = null;

function takeResolvers(resolve: (value: unknown) => void, reject: (reason: unknown) => void): void {
  const t = announcing!;
  t.resolve = resolve;
  t.reject = reject;
}

/** A new pending promise for `t`'s operation; its settling functions go on `t`. */
export function operationPromise(t: Task): Promise<any> {
  announcing = t;
  const p = new Promise(takeResolvers);
  announcing = null;
  return p;
}

/** What an operation called outside its run returns: it never completes. */
export const never = new Promise<never>(() => {});

/**
 * A settled promise, to queue a reaction on the microtask queue (RESOLVED.then(f)): cheaper than
 * queueMicrotask, and in the same FIFO queue as the continuations it must run before or after.
 */
export const RESOLVED = Promise.resolve();
