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
    lines.push(style.dim(shrunkLine(s)));
  }
  if (input.replay) lines.push(`replay: ${style.code(`npx interleave replay '${input.replay}'`)}`);
  if (input.traceFile) lines.push(`trace:  ${input.traceFile}`);
  return lines.join('\n');
}

type Change = readonly [before: number, after: number];

/**
 * How shrinking changed the schedule, in words true of this case: shrinking takes fewer
 * preemptions first and fewer steps second, so a schedule with fewer preemptions may be longer (a
 * trace recorded before steps were bounded), and the line then says so rather than "smallest".
 */
export function shrunkLine(s: {
  readonly preemptions: readonly number[];
  readonly steps: readonly number[];
}): string {
  const preemptions: Change = [s.preemptions[0] ?? 0, s.preemptions[1] ?? 0];
  const steps: Change = [s.steps[0] ?? 0, s.steps[1] ?? 0];
  const numbers = `shrunk: ${preemptions[0]} → ${preemptions[1]} preemptions, ${steps[0]} → ${steps[1]} steps`;
  const grew = (c: Change): boolean => c[1] > c[0];
  const fell = (c: Change): boolean => c[1] < c[0];
  if (!grew(preemptions) && !grew(steps)) {
    return `${numbers} (the schedule shown is the smallest found that fails the same way)`;
  }
  if (fell(preemptions) && grew(steps)) {
    return (
      `${numbers} (fewer preemptions but more steps: shrinking minimizes preemptions first, then steps; ` +
      'the schedule shown fails the same way)'
    );
  }
  return `${numbers} (the schedule shown fails the same way)`;
}
