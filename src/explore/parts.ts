import { raceSitesKey } from '../checker/verdicts.js';
import { findingKey, type ExploredFinding, type ExploreResult } from './explore.js';

/**
 * Merge the parts of one exploration (`explore(p, { ...o, part: { index: i, count: n } })` for
 * i = 0 … n−1) into the result of the whole (`explore(p, o)`): the same findings, runs and
 * coverage. This holds because a part runs exactly the schedules the whole runs at its indices
 * (strategies with `calibration`), and because "first finding" means the lowest run index: a part
 * stops at its own first finding, having run every index of its own below it, so the lowest of the
 * parts' first findings is the whole's, and the whole would have stopped right after it.
 */
export function mergeParts(parts: readonly ExploreResult[], findAll: boolean): ExploreResult {
  if (parts.length === 0) throw new Error('mergeParts: no parts');
  // A dfs search split by subtree: each part's run numbers are its own; the whole's order is
  // (subtree, run), and "first" means first in it.
  const tree = parts.some((p) => p.findings.some((f) => f.subtree !== undefined));
  const all = parts
    .flatMap((p) => p.findings)
    .sort((a, b) => (a.subtree ?? 0) - (b.subtree ?? 0) || a.run - b.run);
  const findings: ExploredFinding[] = [];
  const seen = new Set<string>();
  for (const f of all) {
    const key = findingKey(f);
    const sites = raceSitesKey(f);
    if (seen.has(key) || (sites !== null && seen.has(sites))) continue;
    seen.add(key);
    if (sites !== null) seen.add(sites);
    findings.push(f);
    if (!findAll) break;
  }
  const first = findings[0];
  // The whole stops after its first finding's run when not collecting them all.
  const last = !findAll && first && !tree ? first.run : Number.POSITIVE_INFINITY;
  const fingerprints = parts.flatMap((p) => p.fingerprints ?? []).filter(([run]) => run <= last);
  const p0 = parts[0]!;
  return {
    runs: !findAll && first && !tree ? first.run + 1 : parts.reduce((n, p) => n + p.runs, 0),
    findings,
    seed: p0.seed,
    strategy: p0.strategy,
    compat: parts.some((p) => p.compat),
    distinct: new Set(fingerprints.map(([, fp]) => fp)).size,
    ...mergedCompleteness(parts),
    fingerprints: fingerprints.sort((a, b) => a[0] - b[0]),
  };
}

/** The whole is complete when every part is; a part that withheld its claim says why for the whole. */
function mergedCompleteness(
  parts: readonly ExploreResult[],
): Pick<ExploreResult, 'complete' | 'completeScope' | 'incompleteReason'> {
  if (!parts.every((p) => p.complete !== undefined)) return {};
  const complete = parts.every((p) => p.complete);
  const scope = parts.find((p) => p.completeScope !== undefined)?.completeScope;
  const reason = parts.find((p) => p.incompleteReason !== undefined)?.incompleteReason;
  if (complete) return { complete, ...(scope !== undefined ? { completeScope: scope } : {}) };
  return { complete, ...(reason !== undefined ? { incompleteReason: reason } : {}) };
}
