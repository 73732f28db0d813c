import type { Finding, TaskSnapshot } from '../checker/findings.js';
import { userFrames } from './panic-site.js';
import { plain, type Style } from './style.js';

/**
 * Level 2: the goroutine dump, in Go's format adapted to tasks (Go 1.21+, where `created by` names
 * the parent goroutine). Tasks have names, so the header carries one, and each task shows the one
 * line that matters (where it blocked or last ran) instead of a stack:
 *
 * ```
 * goroutine 2 (sender) [chan send]:
 * 	examples/seed/d1.ts:7
 * created by main (task 1) at examples/seed/d1.ts:6
 * ```
 *
 * The task the finding is about (the panicking one) comes first, then the others by id, as Go
 * prints the panicking goroutine first. Its last site is where it last yielded, not where it threw,
 * so when the panic's stack is known the dump shows those frames instead, as Go does: the first of
 * them is `panicSite` (panic-site.ts), the line explain and the HTML page give for the panic too.
 */
export function renderDump(
  finding: Pick<Finding, 'tasks' | 'task'> & { readonly stack?: string | null },
  style: Style = plain,
): string {
  const tasks = [...finding.tasks].sort(
    (a, b) => rank(a, finding.task) - rank(b, finding.task) || a.id - b.id,
  );
  const frames = finding.stack ? userFrames(finding.stack) : null;
  return tasks.map((t) => renderTask(t, t.id === finding.task ? frames : null, style)).join('\n\n');
}

/** Whether renderDump shows the finding's stack as its task's frames (else a page shows it apart). */
export function dumpShowsStack(
  finding: Pick<Finding, 'tasks' | 'task'> & { readonly stack?: string | null },
): boolean {
  return (
    !!finding.stack && userFrames(finding.stack) !== null && finding.tasks.some((t) => t.id === finding.task)
  );
}

function rank(t: TaskSnapshot, focus: number | null): number {
  return t.id === focus ? 0 : 1;
}

/** Go's bracket: the wait reason while blocked, `running` or `runnable` otherwise. */
export function goState(t: TaskSnapshot): string {
  switch (t.state) {
    case 'blocked':
      return t.waitReason;
    case 'running':
      return 'running';
    default:
      return 'runnable';
  }
}

function renderTask(t: TaskSnapshot, frames: string[] | null, style: Style): string {
  const lines = [style.strong(`goroutine ${t.id} (${t.name}) [${goState(t)}]:`)];
  if (frames) lines.push(...frames);
  else lines.push(`\t${t.site ?? '(no site recorded)'}`);
  if (t.parent !== null) {
    const parent = t.parentName ? `${t.parentName} (task ${t.parent})` : `task ${t.parent}`;
    lines.push(style.dim(`created by ${parent} at ${t.spawnSite ?? '(no site recorded)'}`));
  }
  return lines.join('\n');
}
