import type { Finding } from '../checker/findings.js';
import type { TraceEvent } from '../runtime/recorder.js';
import { renderDump } from './dump.js';
import { terminalEvents, terminalFinding } from './escape.js';
import { renderFooter } from './footer.js';
import { renderInterleaving } from './interleaving.js';
import { plain, type Style } from './style.js';
import { renderVerdict } from './verdict.js';

export interface FindingReport {
  readonly finding: Finding;
  /** The recorded schedule, if there is one (a watchdog's finding has none). */
  readonly trace: {
    readonly events: readonly TraceEvent[];
    readonly shrunk?: { readonly preemptions: readonly number[]; readonly steps: readonly number[] };
  } | null;
  readonly replay: string | null;
  readonly traceFile: string | null;
}

/** The whole terminal report of one finding: verdict, goroutine dump (a race: Go's race report), interleaving, footer. */
export function renderFinding(raw: FindingReport, style: Style = plain): string {
  // What the program controls (names, values, messages) reaches the terminal escaped.
  const report: FindingReport = {
    ...raw,
    finding: terminalFinding(raw.finding),
    trace: raw.trace ? { ...raw.trace, events: terminalEvents(raw.trace.events) } : null,
  };
  const { finding } = report;
  const parts = [renderVerdict(finding, style)];
  // A race is told as Go's detector tells it: both accesses and where their tasks were started.
  if (finding.kind === 'race' && finding.stack) parts.push(finding.stack);
  else if (finding.tasks.length > 0) parts.push(renderDump(finding, style));
  if (report.trace && report.trace.events.length > 0) {
    const legend = style.dim('interleaving (one column per task, > marks a switch, * a culprit step):');
    parts.push(`${legend}\n${renderInterleaving({ events: report.trace.events, finding }, style)}`);
  }
  const footer = renderFooter({ ...report, shrunk: report.trace?.shrunk ?? null }, style);
  if (footer) parts.push(footer);
  return parts.join('\n\n');
}
