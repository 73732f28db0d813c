import type { TraceEvent } from '../scheduler/recorder.js';
import { plain, type Style } from './style.js';

/** Longest cell before it is cut with `…`, so that a table of several tasks fits a terminal. */
const MAX_CELL = 40;
const SWITCH = '>';

/**
 * Level 3: the interleaving as a table, one column per task and one row per event (Lincheck's
 * layout). A `>` before the step marks a switch: the row's task is not the previous row's.
 * The runtime's own events (task 0) go to the column of the task they concern when they concern
 * one (the start of main), else to a `runtime` column.
 */
export function renderInterleaving(
  trace: { readonly events: readonly TraceEvent[] },
  style: Style = plain,
): string {
  const events = trace.events;
  if (events.length === 0) return '';
  const labels = taskLabels(events);
  const rows = events.map((e) => ({ step: e.step, col: columnOf(e), text: cell(e) }));
  const cols = [...new Set(rows.map((r) => r.col))].sort((a, b) => a - b);
  const header = cols.map((c) => (c === 0 ? 'runtime' : (labels.get(c) ?? `task ${c}`)));
  const widths = cols.map((c, i) =>
    Math.max(header[i]!.length, ...rows.filter((r) => r.col === c).map((r) => r.text.length)),
  );
  const stepWidth = Math.max(4, ...rows.map((r) => String(r.step).length));

  const line = (lead: string, cells: string[]): string =>
    (lead + '  ' + cells.map((s, i) => s.padEnd(widths[i]!)).join('  ')).trimEnd();
  const out = [
    style.strong(line('  ' + 'step'.padStart(stepWidth), header)),
    style.dim(
      line(
        '  ' + '-'.repeat(stepWidth),
        widths.map((w) => '-'.repeat(w)),
      ),
    ),
  ];
  let prev: number | null = null;
  for (const r of rows) {
    const mark = prev !== null && r.col !== prev ? SWITCH : ' ';
    prev = r.col;
    const cells = cols.map((c) => (c === r.col ? r.text : ''));
    out.push(line(`${mark} ${String(r.step).padStart(stepWidth)}`, cells));
  }
  return out.join('\n');
}

const LABEL = /^task (\d+) \((.*)\)$/;

/** `task 2 (sender)` for every task the trace saw start. */
function taskLabels(events: readonly TraceEvent[]): Map<number, string> {
  const labels = new Map<number, string>();
  for (const e of events) {
    if (e.event !== 'TaskSpawned') continue;
    const m = LABEL.exec(e.obj);
    if (m) labels.set(Number(m[1]), e.obj);
  }
  return labels;
}

function columnOf(e: TraceEvent): number {
  if (e.task !== 0) return e.task;
  const m = e.event === 'TaskSpawned' ? LABEL.exec(e.obj) : null;
  return m ? Number(m[1]) : 0;
}

/** `ChanSent chan#2: 1`, `TaskBlocked chan#1: chan receive`, `TaskPanicked: send on closed channel`. */
export function cell(e: Pick<TraceEvent, 'event' | 'obj' | 'detail'>): string {
  let s = e.obj ? `${e.event} ${e.obj}` : e.event;
  if (e.detail) s += `: ${e.detail}`;
  return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s;
}
