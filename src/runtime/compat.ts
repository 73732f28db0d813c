import { promiseHooks } from 'node:v8';
import type { Task } from './task.js';

/*
 * Compatibility mode follows tasks through plain promises: when a continuation resumed by a promise
 * that a timer callback or another task resolved calls an operation, the runtime knows whose it is.
 * The runtime tracks the task whose code is executing itself, with V8's promise hooks: a promise
 * made while a task's code executes is tagged with the task, and the reaction that runs a
 * continuation of that promise restores it; work a task defers with queueMicrotask or
 * process.nextTick while its run is in flight carries it too (`carry`). Node's AsyncLocalStorage
 * (Node 20 and 22) did this through async_hooks, which give every promise of the process an async
 * id, a trigger id and a store, and call several functions per promise: on exploreTimers(2000, 1,
 * true) it allocated 181 KB per run against 164 KB here.
 *
 * What it does not follow, unlike async_hooks: callbacks of Node's own I/O and real timers. None
 * runs while a run is in flight (the run decides when the microtask queue drains, before any of
 * them: explore/drain-probe.ts); after its run, a task's code makes foreign operations whatever
 * task it runs as (late-rejections.ts says what the task still matters for).
 *
 * Tracking slows every promise of the process while on, so it exists only during explorations that
 * need it, and is switched off afterwards.
 */

type Tagged = Promise<unknown> & Record<symbol, Task | undefined>;

/** The task whose code is executing, undefined when none (or when tracking is off). */
let current: Task | undefined;
/** The tasks the reactions in progress interrupted (a reaction may start inside another's code). */
const outer: (Task | undefined)[] = [];
/** A new key each time tracking starts: tags of an earlier exploration mean nothing. */
let tag = Symbol('interleave.task');
let stopHooks: (() => void) | null = null;
const realQueueMicrotask = globalThis.queueMicrotask;

function onInit(p: Promise<unknown>): void {
  if (current !== undefined) (p as Tagged)[tag] = current;
}
function onBefore(p: Promise<unknown>): void {
  outer.push(current);
  current = (p as Tagged)[tag];
}
function onAfter(): void {
  // Tracking may have started inside the reaction ending now: nothing was pushed for it.
  current = outer.length > 0 ? outer.pop() : undefined;
}

function runAs<T>(task: Task | undefined, fn: () => T): T {
  const was = current;
  current = task;
  try {
    return fn();
  } finally {
    current = was;
  }
}

/** `fn`, run as the code of the task executing now (when there is one), as a deferred callback. */
export function carry<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  const task = current;
  if (task === undefined) return fn;
  // Tracking may have ended before it runs: then no task is executing, as for any callback.
  return (...args: A) => void runAs(stopHooks === null ? undefined : task, () => fn(...args));
}

const carryingQueueMicrotask = (callback: () => void): void => realQueueMicrotask(carry(callback));

function start(): void {
  tag = Symbol('interleave.task');
  // Typed `Function` by @types/node; it is the function that removes the hooks.
  stopHooks = promiseHooks.createHook({ init: onInit, before: onBefore, after: onAfter }) as () => void;
  globalThis.queueMicrotask = carryingQueueMicrotask;
}

/** Run `fn` as `task`'s code: its continuations, however they are resumed, belong to `task`. */
export function runAsTask<T>(task: Task, fn: () => T): T {
  if (stopHooks === null) start();
  return runAs(task, fn);
}

/** The task whose code is executing, as compatibility mode follows it. */
export function contextTask(): Task | undefined {
  return current;
}

/**
 * Kept on for the rest of the process: tasks of an ended run may still wake (late-rejections.ts),
 * and their code is told apart by the task it runs as.
 */
let pinned = false;
export function pinCompat(): void {
  pinned = true;
}

/** End task tracking (after an exploration that used compatibility mode). */
export function releaseCompat(): void {
  if (pinned || stopHooks === null) return;
  stopHooks();
  stopHooks = null;
  current = undefined;
  outer.length = 0;
  if (globalThis.queueMicrotask === carryingQueueMicrotask) globalThis.queueMicrotask = realQueueMicrotask;
}
