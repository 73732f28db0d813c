import type { Finding, TaskSnapshot } from '../checker/findings.js';
import { eventData, type TraceEvent } from '../runtime/recorder.js';
import { EventKind, type EventData } from '../runtime/events.js';

/*
 * What a program controls (task names, values, messages, console output) reaches the terminal only
 * with its control characters escaped: an ANSI escape (`\x1b[2J` clears the screen, `\x1b]0;…\x07`
 * sets the window title) or a line break in a task name must not act on the terminal or break the
 * goroutine dump's lines. The HTML report escapes for HTML on its own.
 */

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** The same, except line feed and tab (kept in multi-line text: messages, stacks). */
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

function escaped(c: string): string {
  switch (c) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\x1b':
      return '\\e';
    default: {
      const code = c.charCodeAt(0);
      return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
    }
  }
}

/** One line for the terminal: every control character, line breaks included, shown escaped. */
export function escapeLine(s: string): string {
  return s.replace(CONTROL, escaped);
}

/** Text of several lines for the terminal: line feeds and tabs kept, other controls shown escaped. */
export function escapeText(s: string): string {
  return s.replace(CONTROL_BUT_LINES, escaped);
}

const lineOrNull = (s: string | null): string | null => (s === null ? null : escapeLine(s));

function safeTask(t: TaskSnapshot): TaskSnapshot {
  return {
    ...t,
    name: escapeLine(t.name),
    stableId: escapeLine(t.stableId),
    waitReason: escapeLine(t.waitReason),
    site: lineOrNull(t.site),
    spawnSite: lineOrNull(t.spawnSite),
    parentName: lineOrNull(t.parentName),
  };
}

/** A finding fit for the terminal: its names on one line each, its texts without control sequences. */
export function terminalFinding<F extends Finding>(f: F): F {
  return {
    ...f,
    message: escapeText(f.message),
    summary: escapeText(f.summary),
    stack: f.stack === null ? null : escapeText(f.stack),
    tasks: f.tasks.map(safeTask),
  };
}

/**
 * Events fit for the terminal. What a program printed keeps its line feeds (a multi-line
 * console.log wraps in its cell); everything else is one line.
 */
export function terminalEvents(events: readonly TraceEvent[]): TraceEvent[] {
  return events.map((e) => ({
    ...e,
    event: escapeLine(e.event),
    obj: escapeLine(e.obj),
    detail: e.event === EventKind.ConsoleLogged ? escapeText(e.detail) : escapeLine(e.detail),
    site: lineOrNull(e.site),
    data: terminalData(eventData(e)),
  }));
}

/** A payload's strings escaped as its wire form's are: the printed text multi-line, the rest one line. */
function terminalData(d: EventData | null): EventData | null {
  if (d === null) return null;
  if (d.kind === EventKind.ConsoleLogged)
    return { ...d, method: escapeLine(d.method), text: escapeText(d.text) };
  return escapeStrings(d);
}

/** Every string in a plain value (a payload: fields, arrays of cases) escaped to one line. */
function escapeStrings<T>(v: T): T {
  if (typeof v === 'string') return escapeLine(v) as T;
  if (Array.isArray(v)) return v.map(escapeStrings) as T;
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeStrings(x)])) as T;
  }
  return v;
}
