import { culpritsOf, type CulpritSubject } from '../explore/culprits.js';
import { eventData, type TraceEvent } from '../runtime/recorder.js';
import { EventKind, waitGroupChangeText } from '../runtime/events.js';
import { plain, type Style } from './style.js';

/** Widest column before its cells wrap onto continuation lines, so that several tasks fit a terminal. */
const MAX_CELL = 40;
const SWITCH = '>';
const CULPRIT = '*';

/** What level 3 needs: the events, and the finding whose culprit steps it marks (if any). */
export interface InterleavingInput {
  readonly events: readonly TraceEvent[];
  readonly finding?: CulpritSubject | null;
  /** Where the full trace is (`reports/….json`), named by the line that stands for elided rows. */
  readonly tracePath?: string | null;
}

/**
 * A long trace is summarised: the first `head` and last `tail` rows, the culprit rows (with `context`
 * rows either side) and, for each gap, one line saying how many steps it stands for and where the
 * full trace is. A trace of at most `head + tail + slack` rows is shown whole.
 */
export interface ElideOptions {
  readonly head?: number;
  readonly tail?: number;
  readonly context?: number;
  readonly slack?: number;
}

const ELIDE_DEFAULTS: Required<ElideOptions> = { head: 60, tail: 60, context: 3, slack: 80 };

/**
 * Level 3: the interleaving as a table, one column per task and one row per event (Lincheck's
 * layout). The lead of a row has two marks: `>` when the row's task is not the previous row's (a
 * switch), `*` on a culprit step of the finding (see `culpritIndices`). What the program printed
 * (`console.log: …`) and its `note(label, value)` annotations (`label = value`) sit in the row of
 * the step that made them. A cell longer than its column wraps onto continuation lines, and so
 * does a long task name in the header: nothing is cut.
 *
 * The runtime's own events (task 0) go to the column of the task they concern when they concern
 * one (the start of main), else to a `runtime` column.
 */
export function renderInterleaving(
  trace: InterleavingInput,
  style: Style = plain,
  elide: ElideOptions = {},
): string {
  const events = trace.events;
  if (events.length === 0) return '';
  const blamed = culpritIndices(events, trace.finding ?? null);
  const labels = taskLabels(events);
  const kept = keptEvents(events.length, blamed, { ...ELIDE_DEFAULTS, ...elide });
  type Row = { step: number; col: number; text: string; paint: (s: string) => string; culprit: boolean };
  const rows: Row[] = [];
  /** Before which row (index into rows) a gap line goes, and what it says. */
  const gaps = new Map<number, string>();
  for (let i = 0; i < events.length; i++) {
    if (!kept[i]) {
      let j = i;
      while (j < events.length && !kept[j]) j++;
      gaps.set(rows.length, elisionLine(events, i, j, trace.tracePath ?? null));
      i = j - 1;
      continue;
    }
    const e = events[i]!;
    rows.push({
      step: e.step,
      col: columnOf(e),
      text: eventText(e),
      paint: paintOf(e, blamed.has(i), style),
      culprit: blamed.has(i),
    });
  }
  const cols = [...new Set(rows.map((r) => r.col))].sort((a, b) => a - b);
  const header = cols.map((c) => (c === 0 ? 'runtime' : (labels.get(c) ?? `task ${c}`)));
  const widths = cols.map((c, i) =>
    Math.max(
      shortLabel(c).length,
      Math.min(MAX_CELL, header[i]!.length),
      ...rows.filter((r) => r.col === c).map((r) => Math.min(MAX_CELL, longestLine(r.text))),
    ),
  );
  const stepWidth = Math.max(4, ...rows.map((r) => String(r.step).length));

  // Cells are padded before they are painted, so colour never shifts a column.
  const line = (lead: string, cells: readonly string[], paint: (s: string) => string = same): string => {
    const last = cells.reduce((n, s, i) => (s ? i : n), -1);
    const parts = cells
      .slice(0, last + 1)
      .map((s, i) => (i === last ? paint(s) : s ? paint(s.padEnd(widths[i]!)) : ' '.repeat(widths[i]!)));
    return [lead, ...parts].join('  ').trimEnd();
  };
  const headLines = header.map((h, i) => wrapHeader(h, cols[i]!, widths[i]!));
  const depth = Math.max(...headLines.map((h) => h.length));
  const out: string[] = [];
  for (let k = 0; k < depth; k++) {
    const lead = '   ' + (k === depth - 1 ? 'step' : '').padStart(stepWidth);
    out.push(
      style.strong(
        line(
          lead,
          headLines.map((h) => h[k] ?? ''),
        ),
      ),
    );
  }
  out.push(
    style.dim(
      line(
        '   ' + '-'.repeat(stepWidth),
        widths.map((w) => '-'.repeat(w)),
      ),
    ),
  );
  let prev: number | null = null;
  for (const [k, r] of rows.entries()) {
    const gap = gaps.get(k);
    if (gap !== undefined) {
      out.push(style.dim(gap));
      prev = null;
    }
    const sw = prev !== null && r.col !== prev ? style.strong(SWITCH) : ' ';
    const cu = r.culprit ? style.bad(CULPRIT) : ' ';
    prev = r.col;
    const at = cols.indexOf(r.col);
    const wrapped = wrap(r.text, widths[at]!);
    wrapped.forEach((text, k) => {
      const lead = k === 0 ? `${sw}${cu} ${String(r.step).padStart(stepWidth)}` : ' '.repeat(stepWidth + 3);
      out.push(
        line(
          lead,
          cols.map((_, i) => (i === at ? text : '')),
          r.paint,
        ),
      );
    });
  }
  const trailing = gaps.get(rows.length);
  if (trailing !== undefined) out.push(style.dim(trailing));
  return out.join('\n');
}

/** Which events a (possibly long) trace shows; all of them when it is short. */
function keptEvents(n: number, culprits: ReadonlySet<number>, o: Required<ElideOptions>): boolean[] {
  if (n <= o.head + o.tail + o.slack) return new Array<boolean>(n).fill(true);
  const kept = new Array<boolean>(n).fill(false);
  for (let i = 0; i < o.head; i++) kept[i] = true;
  for (let i = n - o.tail; i < n; i++) kept[i] = true;
  for (const c of culprits) {
    for (let i = Math.max(0, c - o.context); i <= Math.min(n - 1, c + o.context); i++) kept[i] = true;
  }
  return kept;
}

/** `… 99,820 steps elided (steps 61–99,880; full trace: reports/x.json, interleave report for HTML) …` */
function elisionLine(
  events: readonly TraceEvent[],
  from: number,
  to: number,
  tracePath: string | null,
): string {
  const first = events[from]!.step;
  const last = events[to - 1]!.step;
  let steps = 0;
  let prev = Number.NaN;
  for (let i = from; i < to; i++) {
    if (events[i]!.step !== prev) steps++;
    prev = events[i]!.step;
  }
  const count = (k: number): string => k.toLocaleString('en-US');
  const what = `${count(steps)} step${steps === 1 ? '' : 's'} elided`;
  const range = first === last ? `step ${count(first)}` : `steps ${count(first)}–${count(last)}`;
  const where = `full trace: ${tracePath ?? 'reports/….json'}, interleave report for HTML`;
  return `   … ${what} (${range}, ${to - from} events; ${where}) …`;
}

const same = (s: string): string => s;

function paintOf(e: TraceEvent, culprit: boolean, style: Style): (s: string) => string {
  if (culprit) return style.bad;
  const d = eventData(e);
  if (d?.kind === EventKind.Noted) return style.code;
  if (d?.kind === EventKind.ConsoleLogged)
    return d.method === 'error' || d.method === 'warn' ? style.warn : same;
  return same;
}

/** `task 2 (sender)` for every task the trace saw start (by its id and name). */
export function taskLabels(events: readonly TraceEvent[]): Map<number, string> {
  const labels = new Map<number, string>();
  for (const e of events) {
    const d = eventData(e);
    if (d?.kind === EventKind.TaskSpawned && d.child !== null && d.name !== null) labels.set(d.child, e.obj);
  }
  return labels;
}

/** The task a spawn event starts (`task 2 (sender)` → 2), or null for any other event. */
export function spawnedTask(e: Pick<TraceEvent, 'event' | 'obj' | 'detail' | 'data'>): number | null {
  const d = eventData(e);
  return d?.kind === EventKind.TaskSpawned && d.name !== null ? d.child : null;
}

/** The column (task id, 0 for the runtime) an event is shown in. */
export function columnOf(e: TraceEvent): number {
  if (e.task !== 0) return e.task;
  return spawnedTask(e) ?? 0;
}

/** A column's header without the task's name: `task 5` of `task 5 (setTimeout(anonymous))`. */
function shortLabel(col: number): string {
  return col === 0 ? 'runtime' : `task ${col}`;
}

/** One line if it fits; else `task 5` then the name, itself wrapped if longer than the column. */
function wrapHeader(label: string, col: number, width: number): string[] {
  if (label.length <= width) return [label];
  const short = shortLabel(col);
  if (short === label || !label.startsWith(`${short} `)) return wrap(label, width);
  return [short, ...wrap(label.slice(short.length + 1), width)];
}

function longestLine(s: string): number {
  return Math.max(...s.split('\n').map((l) => l.length));
}

/** Lines of at most `width`: the text's own line breaks kept, long lines broken at a space if one is near. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (let rest of text.split('\n')) {
    while (rest.length > width) {
      const space = rest.lastIndexOf(' ', width);
      const cut = space > width / 4 ? space : width;
      out.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
    out.push(rest);
  }
  return out;
}

/**
 * What a row says, in the trace's own vocabulary: `ChanSent chan#2: 1`, `TaskBlocked chan#1: chan
 * receive`; a note as `label = value`; printed output as `console.log: text`.
 */
export function eventText(e: Pick<TraceEvent, 'event' | 'obj' | 'detail' | 'data'>): string {
  const d = eventData(e);
  if (d?.kind === EventKind.Noted) return d.value ? `${d.obj} = ${d.value}` : d.obj;
  if (d?.kind === EventKind.ConsoleLogged) return `console.${d.method}: ${d.text}`;
  // Any other event in the trace's own words: its kind, its object, its detail as recorded; a
  // WaitGroup change as the call and the counter before and after (its wire detail omits "before").
  const detail = d?.kind === EventKind.WaitGroupAdded ? waitGroupChangeText(d) : e.detail;
  let s = e.obj ? `${e.event} ${e.obj}` : e.event;
  if (detail) s += `: ${detail}`;
  return s;
}

/**
 * The events to blame, as indices into `events`: the finding's culprit steps (explore/culprits.ts
 * says which, per kind of finding; a trace written before findings carried them computes them
 * now). The terminal marks them with `*`, the HTML report outlines them.
 */
export function culpritIndices(events: readonly TraceEvent[], finding: CulpritSubject | null): Set<number> {
  const out = new Set<number>();
  if (!finding) return out;
  for (const c of culpritsOf(finding, events)) {
    if (c.index !== null && c.index < events.length) out.add(c.index);
  }
  return out;
}
