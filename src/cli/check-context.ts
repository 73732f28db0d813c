import type { CheckCommand } from './args.js';
import type { CheckpointEntry } from './checkpoint.js';
import type { Progress } from './progress.js';
import type { ExploreSpec } from './protocol.js';

/** What every step of one `interleave check` shares: the command, where it runs, and its progress. */
export interface Context {
  readonly cmd: CheckCommand;
  readonly root: string;
  readonly spec: ExploreSpec;
  readonly progress: Progress;
  /** Parts each program's runs are split into on this machine (worker threads). */
  readonly localParts: number;
  /** `--checkpoint`: the searches' frontiers by program key, updated as programs finish. */
  readonly checkpoint: Map<string, CheckpointEntry> | null;
}
