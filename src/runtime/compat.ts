import { AsyncLocalStorage } from 'node:async_hooks';
import type { Task } from './task.js';

/*
 * Compatibility mode follows tasks through plain promises. Every task runs inside an
 * AsyncLocalStorage context, so when a continuation resumed by a promise that a timer callback or
 * another task resolved calls an operation, the runtime knows whose it is. Async context tracking
 * slows every promise of the process while enabled, so it exists only during explorations that
 * need it, and is disabled afterwards.
 */
let storage: AsyncLocalStorage<Task> | null = null;

/** Run `fn` as `task`'s code: its continuations, however they are resumed, belong to `task`. */
export function runAsTask<T>(task: Task, fn: () => T): T {
  return (storage ??= new AsyncLocalStorage<Task>()).run(task, fn);
}

/** The task whose code is executing, as async context tracking sees it. */
export function contextTask(): Task | undefined {
  return storage?.getStore();
}

/**
 * Kept on for the rest of the process: tasks of an ended run may still wake (late-rejections.ts),
 * and their code is told apart by its async context.
 */
let pinned = false;
export function pinCompat(): void {
  pinned = true;
}

/** End async context tracking (after an exploration that used compatibility mode). */
export function releaseCompat(): void {
  if (pinned) return;
  storage?.disable();
  storage = null;
}
