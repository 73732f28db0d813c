import { availableParallelism } from 'node:os';
import { completenessOf, type Completeness } from '../explore/completeness.js';
import { mergeParts } from '../explore/parts.js';
import type { Part } from '../explore/options.js';
import type { CheckCommand } from './args.js';
import { programKey } from './baseline.js';
import type { Context } from './check-context.js';
import { errorFinding } from './failures.js';
import { plural, reproduction, type ProgramResult, type Reported } from './output.js';
import type { Reply, TimedOut } from './protocol.js';
import { runJob, workerCount } from './spawn.js';
import { splitParts } from './split.js';

/** The parts this machine splits a program's runs into (split.ts says when a split pays). */
export function localParts(cmd: CheckCommand): number {
  return splitParts({
    runs: cmd.overrides.runs,
    budgetMs: cmd.budgetMs,
    checkpoint: cmd.checkpoint !== null,
    workers: cmd.workers ?? workerCount(),
    cores: availableParallelism(),
  });
}

/**
 * Explore one program: whole, or in parts (this shard's share of its runs, split again among the
 * worker threads), merged into what one worker exploring this shard's runs would report.
 */
export async function exploreOne(
  ctx: Context,
  file: string,
  name: string,
  ordinal: number,
): Promise<ProgramResult> {
  const key = programKey(file, name);
  const parts = partsOf(ctx);
  const replies = await Promise.all(
    parts.map((part, l) => {
      const label = parts.length > 1 ? `${key} (part ${l + 1}/${parts.length})` : key;
      const saved = ctx.checkpoint?.get(key);
      const job = {
        kind: 'explore',
        file,
        export: name,
        ordinal,
        explore: { ...ctx.spec, part },
        ...(saved ? { frontier: { strategy: saved.strategy, frontier: saved.frontier } } : {}),
      } as const;
      return runJob(
        job,
        ctx.root,
        ctx.cmd.timeoutMs,
        (n) => ctx.progress.update(label, n),
        () => ctx.progress.start(label, label),
      ).finally(() => ctx.progress.stop(label));
    }),
  );
  const reply = mergeReplies(replies, ctx.spec.findAll);
  if (ctx.checkpoint && reply.type === 'explored' && replies.length === 1) {
    const c = reply.checkpoint;
    const before = ctx.checkpoint.get(key)?.runs ?? 0;
    if (c) ctx.checkpoint.set(key, { ...c, runs: before + reply.runs });
  }
  const result = toResult(ctx, file, name, reply);
  ctx.progress.done(key, doneLine(result));
  return result;
}

/**
 * The parts of a program's runs this machine explores: shard s of S (0-based), split into L local
 * parts, is the runs r with r mod S·L = s + S·l for l < L; together, exactly r mod S = s.
 */
function partsOf(ctx: Context): (Part | null)[] {
  const shard = ctx.cmd.shard;
  const s = shard ? shard.index - 1 : 0;
  const count = shard ? shard.count : 1;
  const local = ctx.localParts;
  if (count === 1 && local === 1) return [null];
  return Array.from({ length: local }, (_, l) => ({ index: s + count * l, count: count * local }));
}

/** One reply from the parts' replies: the first failure if any, else the merged exploration. */
function mergeReplies(replies: readonly (Reply | TimedOut)[], findAll: boolean): Reply | TimedOut {
  if (replies.length === 1) return replies[0]!;
  const broken = replies.find((r) => r.type !== 'explored');
  if (broken) return broken;
  const explored = replies as Extract<Reply, { type: 'explored' }>[];
  const merged = mergeParts(
    explored.map((r) => ({
      runs: r.runs,
      findings: r.findings,
      seed: r.seed,
      strategy: '',
      compat: false,
      distinct: 0,
      fingerprints: r.fingerprints ?? [],
      ...r.completeness,
    })),
    findAll,
  );
  const completeness: Completeness | null = merged.complete === undefined ? null : completenessOf(merged);
  return {
    type: 'explored',
    runs: merged.runs,
    seed: merged.seed,
    findings: merged.findings,
    ...(completeness !== null ? { completeness } : {}),
  };
}

/** The result of exploring one program, from its worker's reply (a failure becomes an `error` finding). */
export function toResult(ctx: Context, file: string, name: string, reply: Reply | TimedOut): ProgramResult {
  if (reply.type === 'explored') {
    const findings = reply.findings.map((f): Reported => ({
      finding: f,
      trace: f.trace,
      replay: f.replay,
      traceFile: null,
    }));
    return {
      file,
      name,
      runs: reply.runs,
      findings,
      seed: reply.seed,
      budgetMs: ctx.cmd.budgetMs,
      ...(reply.completeness ? { completeness: reply.completeness } : {}),
    };
  }
  return {
    file,
    name,
    runs: 0,
    findings: [{ finding: errorFinding(file, name, reply), trace: null, replay: null, traceFile: null }],
    seed: null,
  };
}

/** The progress line of a finished program: its findings' kinds, or clean. */
export function doneLine(r: ProgramResult): string {
  const kinds = r.findings.map((f) => f.finding.kind).join(', ') || 'clean';
  const again = reproduction(r);
  const budget = again ? ` in ${r.budgetMs! / 1000} s; reproduce with ${again}` : '';
  return `${r.file}#${r.name}: ${kinds} (${plural(r.runs, 'run')}${budget})`;
}
