import type { Finding } from '../checker/findings.js';
import { eventData, type TraceEvent } from '../runtime/recorder.js';
import { EventKind } from '../runtime/events.js';

/*
 * Where a task did a step, and where it panicked, read from one place each, so that every renderer
 * (the dump, explain, the HTML page) names the same line.
 *
 * - Where task X did step N: the event's `site` (the switch point the step was announced at).
 * - Where task X panicked: the top user frame of the finding's stack when it has one, else the
 *   task's snapshot `site`. The event that records the death carries the task's last switch point,
 *   which is not where it threw when the panic came from a helper called after that point (a
 *   `throw` in `check(n)` after `await jobs.recv()`): the stack is the truth then, as in Go.
 */

/** The part of a finding the panic's site is read from. */
export type PanicFacts = Pick<Finding, 'tasks' | 'task'> & { readonly stack?: string | null };

/** The `fn()` / tab `file:line` pairs of a recorded stack; null if it holds none (a raw engine stack). */
export function userFrames(stack: string): string[] | null {
  const lines = stack.split('\n');
  const pairs =
    lines.length % 2 === 0 && lines.every((l, i) => (i % 2 === 0 ? l.endsWith(')') : l.startsWith('\t')));
  return pairs && lines.length > 0 ? lines : null;
}

/** Where the finding's task panicked (`file:line`), or null when nothing recorded it. */
export function panicSite(finding: PanicFacts): string | null {
  const frames = finding.stack ? userFrames(finding.stack) : null;
  if (frames) return frames[1]!.slice(1);
  return finding.tasks.find((t) => t.id === finding.task)?.site ?? null;
}

/** Whether the event records a task's death (a panic or a fatal error). */
export function isDeath(e: TraceEvent): boolean {
  const kind = eventData(e)?.kind;
  return kind === EventKind.TaskPanicked || kind === EventKind.FatalError;
}

/**
 * The events with the finding's task's death placed at `panicSite`: what the renderers that show an
 * event's site read, so the death's line is the dump's. Other events are returned as they are.
 */
export function withPanicSite(events: readonly TraceEvent[], finding: PanicFacts | null): TraceEvent[] {
  const site = finding && finding.task !== null ? panicSite(finding) : null;
  if (site === null) return [...events];
  return events.map((e) => (e.task === finding!.task && isDeath(e) && e.site !== site ? { ...e, site } : e));
}
