import { plain, type Style } from './style.js';

export interface FooterInput {
  /** The one-line replay string (`il1.…`), or null when the finding has no schedule to replay. */
  readonly replay: string | null;
  /** Where the trace file was written (repo-relative), or null if it was not. */
  readonly traceFile: string | null;
  /** How much the failing schedule was shrunk before it was recorded ([as found, as reported]). */
  readonly shrunk?: { readonly preemptions: readonly number[]; readonly steps: readonly number[] } | null;
}

/** The last lines of a report: exactly what to run to see the failure again. */
export function renderFooter(input: FooterInput, style: Style = plain): string {
  const lines: string[] = [];
  const s = input.shrunk;
  if (s && (s.preemptions[0] !== s.preemptions[1] || s.steps[0] !== s.steps[1])) {
    lines.push(
      style.dim(
        `shrunk: ${s.preemptions[0]} → ${s.preemptions[1]} preemptions, ${s.steps[0]} → ${s.steps[1]} steps ` +
          `(the schedule shown is the smallest found that fails the same way)`,
      ),
    );
  }
  if (input.replay) lines.push(`replay: ${style.code(`npx interleave replay '${input.replay}'`)}`);
  if (input.traceFile) lines.push(`trace:  ${input.traceFile}`);
  return lines.join('\n');
}
