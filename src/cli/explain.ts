import { explain } from '../report/explain.js';
import type { Command } from './args.js';
import { readSource, replaySource } from './replay.js';
import { EXIT } from './usage.js';

type ExplainCommand = Extract<Command, { name: 'explain' }>;

/**
 * `interleave explain <trace or replay string>`: the failure's story in plain words. A trace file
 * already holds the events; a replay string holds only the schedule, which is replayed (in a worker,
 * as `replay` does) to record them. Exit 1 when there is a finding to explain, 0 when the schedule
 * runs clean, 2 when it cannot be read or replayed.
 */
export async function explainCommand(cmd: ExplainCommand, root: string): Promise<number> {
  const src = readSource(cmd.input, root);
  const trace =
    src.trace ?? (await replaySource(src, root, false, cmd.timeoutMs, null, cmd.allowOutsideRoot)).trace;
  process.stdout.write(explain(trace));
  return trace.finding ? EXIT.findings : EXIT.clean;
}
