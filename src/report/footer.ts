import { plain, type Style } from './style.js';

export interface FooterInput {
  /** The one-line replay string (`il1.…`), or null when the finding has no schedule to replay. */
  readonly replay: string | null;
  /** Where the trace file was written (repo-relative), or null if it was not. */
  readonly traceFile: string | null;
}

/** The last lines of a report: exactly what to run to see the failure again. */
export function renderFooter(input: FooterInput, style: Style = plain): string {
  const lines: string[] = [];
  if (input.replay) lines.push(`replay: ${style.code(`npx interleave replay '${input.replay}'`)}`);
  if (input.traceFile) lines.push(`trace:  ${input.traceFile}`);
  return lines.join('\n');
}
