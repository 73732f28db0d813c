import type { Finding } from '../checker/findings.js';
import type { TraceEvent } from '../runtime/recorder.js';
import { escapeLine, terminalEvents, terminalFinding } from './escape.js';
import { Context } from './explain-context.js';
import { withPanicSite } from './panic-site.js';
import { culpritLines } from './explain-culprits.js';

/*
 * `interleave explain`: the story of a failure in plain words, read from a recorded trace. Where
 * the dump says what each task was doing at the end and the interleaving shows every step, this
 * keeps only what the failure needs: the events on the objects the blamed tasks are stuck on (or
 * panicked over) and the tasks involved, then one sentence per stuck task saying what it waits for
 * and why no one will ever provide it.
 */

/** The part of a trace the explanation reads. */
export interface ExplainInput {
  readonly program?: { readonly file: string; readonly export: string } | null;
  readonly events: readonly TraceEvent[];
  readonly finding: Finding | null;
  /** The run the trace recorded (`trace.run`, counted from 0 as everywhere), when known. */
  readonly run?: number;
}

export function explain(raw: ExplainInput): string {
  // Told on a terminal: what the program controls (names, values, messages) is escaped.
  const trace: ExplainInput = {
    ...raw,
    program: raw.program
      ? { file: escapeLine(raw.program.file), export: escapeLine(raw.program.export) }
      : null,
    // A panic's line is the dump's (the stack's top frame), not the death event's last switch point.
    events: terminalEvents(withPanicSite(raw.events, raw.finding)),
    finding: raw.finding ? terminalFinding(raw.finding) : null,
  };
  const f = trace.finding;
  if (!f) return 'no finding: this schedule ran to the end cleanly, so there is nothing to explain\n';
  const ctx = new Context(trace.events, f);
  const where = trace.program ? ` in ${trace.program.file}#${trace.program.export}` : '';
  const run = trace.run === undefined ? '' : `\nFound in run ${trace.run}.`;
  const head = `${f.message}\n${f.kind}${where} at step ${f.step}: ${sentence(f.kind)}.${run}`;
  let body: string[];
  switch (f.kind) {
    case 'deadlock':
      body = ctx.stuck(
        'Why no task can move',
        'every task waits for another one: none of them can ever move',
      );
      break;
    case 'leak':
      body = ctx.leak();
      break;
    case 'panic':
      body = ctx.panic();
      break;
    case 'livelock':
      body = ctx.livelock();
      break;
    default:
      body = [`What happened: ${f.summary}`];
  }
  const story = ctx.story();
  const parts = [head];
  if (story.length > 0) parts.push(`The story (only the steps that matter):\n${story.join('\n')}`);
  if (body.length > 0) parts.push(body.join('\n'));
  const culprits = culpritLines(ctx.culprits);
  if (culprits.length > 0) parts.push(culprits.join('\n'));
  return parts.join('\n\n') + '\n';
}

function sentence(kind: string): string {
  switch (kind) {
    case 'deadlock':
      return 'main is blocked and no task can move';
    case 'leak':
      return 'main returned but tasks were left behind';
    case 'panic':
      return 'an operation failed and ended the program';
    case 'livelock':
      return 'the run kept going without making progress';
    case 'steps':
      return 'the run reached its step bound while still making progress (a long run, not a stuck one)';
    default:
      return 'see below';
  }
}
