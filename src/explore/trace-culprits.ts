/*
 * The culprits of a trace's finding, checked field by field like the rest of the file. Traces
 * written before findings carried them have none: readers compute them then (culpritsOf).
 */
import { CulpritReasons, isCulpritReason, type Culprit } from '../checker/findings.js';
import { int, intOrNull, isRecord, list, own, refuse, str, strOrNull } from './trace-fields.js';

/** More culprits than any rule gives: a file with more was not written by this module. */
const MAX_CULPRITS = 100_000;
const MAX_WORDS = 64 * 1024;

export function culpritsOf(raw: unknown): { culprits?: readonly Culprit[] } {
  if (raw === undefined) return {};
  const items = list('finding.culprits', raw, MAX_CULPRITS);
  // A reason this version does not know (a newer trace): leave them all out, to be computed again.
  if (!items.every((c) => isRecord(c) && isCulpritReason(own(c, 'reason')))) {
    const bad = items.find((c) => !isRecord(c));
    if (bad !== undefined) refuse('finding.culprits[]', 'a culprit { reason, task, step, ... }', bad);
    return {};
  }
  return { culprits: items.map((c, i) => culprit(`finding.culprits[${i}]`, c as Record<string, unknown>)) };
}

function culprit(field: string, c: Record<string, unknown>): Culprit {
  const reason = own(c, 'reason');
  if (!isCulpritReason(reason)) refuse(`${field}.reason`, `one of ${CulpritReasons.join(', ')}`, reason);
  return {
    reason,
    task: int(`${field}.task`, own(c, 'task'), 0),
    obj: str(`${field}.obj`, own(c, 'obj') ?? ''),
    index: intOrNull(`${field}.index`, own(c, 'index') ?? null),
    step: intOrNull(`${field}.step`, own(c, 'step') ?? null),
    event: strOrNull(`${field}.event`, own(c, 'event') ?? null),
    site: strOrNull(`${field}.site`, own(c, 'site') ?? null),
    peer: peerOf(`${field}.peer`, own(c, 'peer') ?? null),
    words: str(`${field}.words`, own(c, 'words') ?? '', MAX_WORDS),
  };
}

function peerOf(field: string, p: unknown): Culprit['peer'] {
  if (p === null) return null;
  if (!isRecord(p)) refuse(field, 'an object { task, step } or null', p);
  return {
    task: int(`${field}.task`, own(p, 'task'), 0),
    step: intOrNull(`${field}.step`, own(p, 'step') ?? null),
  };
}
