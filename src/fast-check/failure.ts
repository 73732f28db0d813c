import type { ExploredFinding } from '../core.js';
import { renderFinding } from '../report/finding.js';

/**
 * A run under a fast-check schedule had a finding. The message is interleave's report (verdict,
 * goroutine dump, interleaving) and the replay string; fast-check prints it under the shrunk
 * counterexample.
 */
export class ScheduleFailure extends Error {
  override readonly name = 'ScheduleFailure';
  /** The one-line replay string: `replay(main, decodeReplay(it))` runs this schedule again. */
  readonly replay: string;

  constructor(
    schedule: string,
    readonly finding: ExploredFinding,
  ) {
    super(message(schedule, finding));
    this.replay = finding.replay;
  }
}

function message(schedule: string, f: ExploredFinding): string {
  const report = renderFinding({ finding: f, trace: f.trace, replay: null, traceFile: null });
  const lines = [
    `interleave found ${/^[aeiou]/.test(f.kind) ? 'an' : 'a'} ${f.kind} under ${schedule}`,
    '',
    report,
    '',
    `replay string: ${f.replay}`,
  ];
  // The program is usually a closure over fast-check's inputs: then the string replays in a test,
  // on the inputs fast-check's seed and path rebuild; with a program locator the CLI replays it too.
  if (f.trace.program) lines.push(`replay: npx interleave replay '${f.replay}'`);
  else
    lines.push(`replay: replay(main, decodeReplay('<replay string>')) with main built from the same inputs`);
  return lines.join('\n');
}
