/*
 * The finding part of a trace file, checked field by field as trace.ts checks the rest: a file may
 * be cut, hand-edited or hostile. Fields added since the first version (cause, race, culprits) are optional.
 */
import {
  FindingKinds,
  isFindingCause,
  type Finding,
  type FindingCause,
  type FindingKind,
} from '../checker/findings.js';
import type { Race } from '../checker/race-report.js';
import { culpritsOf } from './trace-culprits.js';
import { int, intOrNull, isRecord, list, oneOf, own, refuse, str, strOrNull } from './trace-fields.js';

/** The longest text field read (a message, a stack, an event's detail). */
export const MAX_TEXT = 1024 * 1024;

const TASK_STATES = ['blocked', 'runnable', 'running', 'new'] as const;

function taskSnapshot(field: string, t: unknown): Finding['tasks'][number] {
  if (!isRecord(t)) refuse(field, 'a task { id, name, state, ... }', t);
  return {
    ...t,
    id: int(`${field}.id`, own(t, 'id'), 0),
    name: str(`${field}.name`, own(t, 'name')),
    stableId: str(`${field}.stableId`, own(t, 'stableId')),
    state: oneOf(`${field}.state`, own(t, 'state'), TASK_STATES),
    waitReason: str(`${field}.waitReason`, own(t, 'waitReason')),
    site: strOrNull(`${field}.site`, own(t, 'site') ?? null),
    spawnSite: strOrNull(`${field}.spawnSite`, own(t, 'spawnSite') ?? null),
    parent: intOrNull(`${field}.parent`, own(t, 'parent') ?? null),
    parentName: strOrNull(`${field}.parentName`, own(t, 'parentName') ?? null),
  };
}

/** A trace's finding, checked field by field (trace.ts owns the format; this is its finding part). */
export function finding(raw: unknown): Finding | null {
  if (raw === null || raw === undefined) return null;
  if (!isRecord(raw)) refuse('finding', 'an object or null', raw);
  const kinds = Object.keys(FindingKinds) as FindingKind[];
  const { cause: _cause, race: _race, culprits: _culprits, ...rest } = raw;
  return {
    ...rest,
    kind: oneOf('finding.kind', own(raw, 'kind'), kinds),
    message: str('finding.message', own(raw, 'message'), MAX_TEXT),
    summary: str('finding.summary', own(raw, 'summary') ?? '', MAX_TEXT),
    tasks: list('finding.tasks', own(raw, 'tasks'), 1_000_000).map((t, i) =>
      taskSnapshot(`finding.tasks[${i}]`, t),
    ),
    task: intOrNull('finding.task', own(raw, 'task') ?? null),
    stack: strOrNull('finding.stack', own(raw, 'stack') ?? null, MAX_TEXT),
    step: int('finding.step', own(raw, 'step'), 0),
    // Absent in traces written before findings carried them. A cause this version does not know
    // (a newer trace) is left out: nothing then reads the finding as one of its own causes.
    ...causeOf(own(raw, 'cause')),
    ...raceOf(own(raw, 'race')),
    ...culpritsOf(own(raw, 'culprits')),
  };
}

function flag(field: string, v: unknown): boolean {
  if (typeof v !== 'boolean') refuse(field, 'true or false', v);
  return v;
}

function causeOf(raw: unknown): { cause?: FindingCause } {
  if (raw === undefined) return {};
  if (typeof raw !== 'string') refuse('finding.cause', 'a string', raw);
  return isFindingCause(raw) ? { cause: raw } : {};
}

function raceOf(raw: unknown): { race?: Race } {
  if (raw === undefined) return {};
  if (!isRecord(raw)) refuse('finding.race', 'an object { variable, current, previous }', raw);
  const access = (k: 'current' | 'previous'): Race['current'] => {
    const a = own(raw, k);
    if (!isRecord(a)) refuse(`finding.race.${k}`, 'an access { task, write, site }', a);
    return {
      task: int(`finding.race.${k}.task`, own(a, 'task'), 0),
      write: flag(`finding.race.${k}.write`, own(a, 'write')),
      site: strOrNull(`finding.race.${k}.site`, own(a, 'site') ?? null),
    };
  };
  return {
    race: {
      variable: str('finding.race.variable', own(raw, 'variable'), MAX_TEXT),
      current: access('current'),
      previous: access('previous'),
    },
  };
}
