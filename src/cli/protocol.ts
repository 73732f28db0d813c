import type { MessagePort } from 'node:worker_threads';
import type { Finding } from '../checker/findings.js';
import type { Completeness } from '../explore/completeness.js';
import type { ExploredFinding } from '../explore/explore.js';
import type { Part } from '../explore/options.js';
import type { ReplayRecipe, Trace } from '../explore/trace.js';
import type { Overrides } from './args.js';

/*
 * The messages between the CLI and the worker that loads and runs one program. Everything crosses
 * by structured clone, so only plain data: findings and traces, never class instances.
 */

/** How one program is explored: the option overrides, and how the CLI bounds and collects the runs. */
export interface ExploreSpec {
  readonly overrides: Overrides;
  /** Stop starting new runs after this long (`--budget 30s`); null: the run count decides. */
  readonly budgetMs: number | null;
  /** Collect every distinct finding, not just the first (so leak filters can drop some). */
  readonly findAll: boolean;
  /**
   * This job's share of the program's schedules (a CI shard, a worker thread), or null: all. dfs
   * splits its tree instead of its run indices; dpor, which splits neither, explores whole on the
   * one part with `ordinal % count === index`, and not at all on the others.
   */
  readonly part: Part | null;
}

export type Job =
  /** List the file's programs; with `explore`, go on to explore the first (saves loading it twice). */
  | { readonly kind: 'list'; readonly file: string; readonly explore?: ExploreSpec }
  | {
      readonly kind: 'explore';
      readonly file: string;
      readonly export: string;
      readonly explore: ExploreSpec;
      /** The program's position among all programs checked (sorted by file, then export). */
      readonly ordinal?: number;
      /** `--checkpoint`: resume the program's dfs/dpor search from this frontier. */
      readonly frontier?: { readonly strategy: string; readonly frontier: string | null };
    }
  | {
      readonly kind: 'replay';
      readonly file: string;
      readonly export: string;
      readonly recipe: ReplayRecipe;
      readonly cont: boolean;
    };

/** What the worker is started with: the job, the repository root, how often to say it is alive. */
export interface WorkerInput {
  readonly job: Job;
  readonly root: string;
  readonly beatMs: number;
  /** Where beats, progress and a list job's listing go (the answer is the task's result). */
  readonly port: MessagePort;
}

/** A replay that stopped fitting the program (ReplayDivergence as plain data). */
export interface DivergenceInfo {
  readonly message: string;
  readonly step: number;
  readonly expected: { readonly kind: string; readonly id: string };
  readonly actual: readonly string[];
}

export type Reply =
  | { readonly type: 'listed'; readonly exports: readonly string[] }
  | {
      readonly type: 'explored';
      readonly runs: number;
      /** The seed the exploration used (the program's own unless --seed overrode it). */
      readonly seed: number;
      readonly findings: readonly ExploredFinding[];
      /** A dfs or dpor exploration: whether it may claim `complete`, its scope, or why not. */
      readonly completeness?: Completeness;
      /** With a part: each run's index and coverage fingerprint, to merge the parts (parts.ts). */
      readonly fingerprints?: readonly (readonly [number, number])[];
      /** With a part: this part had nothing to do (a dpor program explored on another part). */
      readonly idle?: boolean;
      /** A dfs or dpor search: where it stopped (null once complete), for `--checkpoint`. */
      readonly checkpoint?: {
        readonly strategy: string;
        readonly frontier: string | null;
        readonly complete: boolean;
      };
    }
  | {
      readonly type: 'replayed';
      readonly finding: Finding | null;
      readonly trace: Trace;
      readonly divergence: DivergenceInfo | null;
    }
  /** `load`: the file could not be imported or lacks the export; `run`: exploring it threw. */
  | { readonly type: 'failed'; readonly stage: 'load' | 'run'; readonly message: string };

/** `beat`: alive; `loaded`: the program's file is imported and its run starts; `progress`: runs done. */
export type Message =
  | Reply
  | { readonly type: 'beat' }
  | { readonly type: 'loaded' }
  | { readonly type: 'progress'; readonly runs: number };

/** The worker stopped answering: no heartbeat within the limit of the phase it was in. */
export interface TimedOut {
  readonly type: 'timeout';
  readonly phase: 'load' | 'run';
  readonly ms: number;
}
