import type { ProgramLocator } from './program-locator.js';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Finding } from '../checker/findings.js';
import { finding, MAX_TEXT } from './trace-finding.js';
import { InterleaveError } from '../base/errors.js';
import { readWire } from '../runtime/events.js';
import { wireEvent, type TraceEvent } from '../runtime/recorder.js';
import type { RecordedChoice } from '../strategies/replay.js';
import { Minute } from '../base/duration.js';
import type { Mode, TimeJumps } from '../runtime/runtime.js';
import {
  DEFAULT_AWAIT_POINTS,
  DEFAULT_LIVELOCK_STEPS as LIVELOCK_STEPS_DEFAULT,
} from '../runtime/run-options.js';
import type { ChoiceKind } from '../strategies/strategy.js';
import {
  Refusal,
  bit,
  int,
  isRecord,
  list,
  locator,
  oneOf,
  own,
  refuse,
  str,
  strOrNull,
} from './trace-fields.js';

/*
 * The one module that owns the trace format: its JSON file and its one-line replay string.
 * Everything that reads or writes a trace goes through here, so a version bump is one change.
 */

export const TRACE_VERSION = 1;
const SUPPORTED_VERSIONS = [1] as const;
const REPLAY_PREFIX = 'il1.';

export type { ProgramLocator } from './program-locator.js';

/** The options a run depends on: enough to re-execute it exactly. */
export interface TraceOptions {
  readonly maxSteps: number;
  /** Steps without progress that make a livelock; absent (traces written before it): 5,000. */
  readonly livelockSteps?: number;
  readonly graceSteps: number;
  readonly mode: Mode;
  readonly seed: number;
  /** Absent in traces written before virtual time: 1 minute and 'due'. */
  readonly graceTime: number;
  readonly timeJumps: TimeJumps;
  /** Whether the run followed plain promises (compatibility mode); absent means false. */
  readonly compat: boolean;
  /** Whether the race detector was on; absent means true. */
  readonly race: boolean;
  /** Plain awaits per task that are switch points; absent (traces written before it): 8. */
  readonly awaitPoints?: number;
}

export interface Trace {
  readonly format: 'interleave-trace';
  readonly version: number;
  readonly program: ProgramLocator | null;
  readonly options: TraceOptions;
  readonly strategy: { readonly name: string; readonly params: Readonly<Record<string, unknown>> };
  /** Which run of the exploration failed (0-based); it seeds `Math.random` for the run. */
  readonly run: number;
  readonly choices: readonly RecordedChoice[];
  readonly events: readonly TraceEvent[];
  readonly finding: Finding | null;
  /** How much the failing schedule was shrunk before it was recorded: [as found, as reported]. */
  readonly shrunk?: {
    readonly preemptions: readonly [number, number];
    readonly steps: readonly [number, number];
  };
}

/** The minimal part of a trace that replays it; what the replay string carries. */
export interface ReplayRecipe {
  readonly program: ProgramLocator | null;
  readonly options: TraceOptions;
  readonly run: number;
  readonly choices: readonly RecordedChoice[];
}

const KIND_CODES: Record<ChoiceKind, string> = { task: 't', case: 'c', timer: 'm' };
const CODE_KINDS: Record<string, ChoiceKind> = { t: 'task', c: 'case', m: 'timer' };

/** `il1.` + base64url(deflate(JSON)): one line, safe to paste in a shell or a template literal. */
export function encodeReplay(recipe: ReplayRecipe): string {
  const compact = {
    v: TRACE_VERSION,
    p: recipe.program ? [recipe.program.file, recipe.program.export] : null,
    o: [
      recipe.options.maxSteps,
      recipe.options.graceSteps,
      recipe.options.mode,
      recipe.options.seed,
      recipe.options.graceTime,
      recipe.options.timeJumps,
      recipe.options.compat ? 1 : 0,
      recipe.options.race ? 1 : 0,
      // Only when not the default, so that the strings of every other run stay as they were.
      ...optionalOptions(recipe.options),
    ],
    r: recipe.run,
    c: recipe.choices.map((c) => [c.step, KIND_CODES[c.kind], c.id]),
  };
  return REPLAY_PREFIX + deflateRawSync(Buffer.from(JSON.stringify(compact))).toString('base64url');
}

/** o[8] (livelockSteps) and o[9] (awaitPoints), each written only when it or a later one is not the default. */
function optionalOptions(o: TraceOptions): number[] {
  const livelock = o.livelockSteps ?? LIVELOCK_STEPS_DEFAULT;
  const awaits = o.awaitPoints ?? DEFAULT_AWAIT_POINTS;
  if (awaits !== DEFAULT_AWAIT_POINTS) return [livelock, awaits];
  return livelock === LIVELOCK_STEPS_DEFAULT ? [] : [livelock];
}

export function isReplayString(s: string): boolean {
  return /^il\d+\./.test(s.trim());
}

/*
 * Inputs are checked at the edge, field by field, before anything uses them: a replay string or a
 * trace file may be cut, hand-edited or hostile. Sizes are capped before decompressing or parsing,
 * every field is checked with its own (never inherited) properties, and a refusal names the field
 * and what it should be.
 */

/** The longest replay string read (a real one of 500,000 choices is about 1 MB). */
const MAX_REPLAY_CHARS = 4 * 1024 * 1024;
/** What a replay string may inflate to, checked while inflating (a deflate bomb stops there). */
const MAX_REPLAY_JSON_BYTES = 16 * 1024 * 1024;
/** The most choices a replay string or trace may hold. */
const MAX_CHOICES = 500_000;
/** The largest trace file read. */
export const MAX_TRACE_BYTES = 256 * 1024 * 1024;
/** The most events a trace may hold. */
const MAX_EVENTS = 5_000_000;
function kindOf(field: string, code: unknown): ChoiceKind {
  if (typeof code !== 'string' || !Object.prototype.hasOwnProperty.call(CODE_KINDS, code)) {
    refuse(field, `one of ${Object.keys(CODE_KINDS).join(', ')}`, code);
  }
  return CODE_KINDS[code]!;
}

export function decodeReplay(text: string): ReplayRecipe {
  if (typeof text !== 'string' || text.length > MAX_REPLAY_CHARS) {
    throw new InterleaveError(
      `replay string too long (${typeof text === 'string' ? text.length : 0} characters; at most ${MAX_REPLAY_CHARS} are read): replay its trace file instead`,
    );
  }
  const s = text.trim();
  const m = /^il(\d{1,6})\.([A-Za-z0-9_-]+)$/.exec(s);
  if (!m) {
    throw new InterleaveError(
      `not a replay string: it should look like 'il1.<base64url>' (one line, as printed after a finding)`,
    );
  }
  const version = Number(m[1]);
  checkVersion(version, 'replay string');
  let raw: unknown;
  try {
    const json = inflateRawSync(Buffer.from(m[2]!, 'base64url'), { maxOutputLength: MAX_REPLAY_JSON_BYTES });
    raw = JSON.parse(json.toString('utf8'));
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE') {
      throw new InterleaveError(
        `replay string too large: it expands past ${MAX_REPLAY_JSON_BYTES / 1024 / 1024} MB (at most ${MAX_CHOICES} choices are replayed)`,
      );
    }
    throw new InterleaveError('corrupt replay string: it does not decode (was it cut when pasted?)');
  }
  try {
    return recipeFromCompact(raw);
  } catch (e) {
    if (e instanceof Refusal) throw new InterleaveError(`corrupt replay string: ${e.message}`);
    throw e;
  }
}

function recipeFromCompact(raw: unknown): ReplayRecipe {
  if (!isRecord(raw)) refuse('its content', 'an object { v, p, o, r, c }', raw);
  const p = own(raw, 'p');
  let program: ProgramLocator | null = null;
  if (p !== null && p !== undefined) {
    if (!Array.isArray(p) || p.length !== 2) refuse('p (the program)', 'a list [file, export] or null', p);
    program = locator('p (the program)', p[0], p[1]);
  }
  const o = own(raw, 'o');
  if (!Array.isArray(o) || o.length < 4 || o.length > 10)
    refuse('o (the options)', 'a list of 4 to 10 options', o);
  const [
    maxSteps,
    graceSteps,
    mode,
    seed,
    graceTime = Minute,
    timeJumps = 'due',
    compat = 0,
    race = 1,
    livelockSteps,
    awaitPoints,
  ] = o as unknown[];
  const options: TraceOptions = {
    maxSteps: int('o[0] (maxSteps)', maxSteps, 1),
    graceSteps: int('o[1] (graceSteps)', graceSteps, 0),
    mode: oneOf('o[2] (mode)', mode, ['test', 'program'] as const),
    seed: int('o[3] (seed)', seed, 0),
    graceTime: int('o[4] (graceTime)', graceTime, 0),
    timeJumps: oneOf('o[5] (timeJumps)', timeJumps, ['due', 'any'] as const),
    compat: bit('o[6] (compat)', compat),
    race: bit('o[7] (race)', race),
    // Present only when not the default (encodeReplay leaves it out then).
    ...(livelockSteps === undefined ? {} : { livelockSteps: int('o[8] (livelockSteps)', livelockSteps, 1) }),
    ...(awaitPoints === undefined ? {} : { awaitPoints: int('o[9] (awaitPoints)', awaitPoints, 0) }),
  };
  const run = int('r (the run)', own(raw, 'r'), 0);
  const choices = list('c (the choices)', own(raw, 'c'), MAX_CHOICES).map((c, i): RecordedChoice => {
    if (!Array.isArray(c) || c.length !== 3) refuse(`c[${i}]`, 'a choice [step, kind, id]', c);
    return {
      step: int(`c[${i}] step`, c[0], 0),
      kind: kindOf(`c[${i}] kind`, c[1]),
      id: str(`c[${i}] id`, c[2]),
    };
  });
  return { program, options, run, choices };
}

function checkVersion(version: number, what: string): void {
  if (!(SUPPORTED_VERSIONS as readonly number[]).includes(version)) {
    throw new InterleaveError(
      `${what} has format version ${Number.isFinite(version) ? version : 'missing or not a number'}; this interleave reads versions ` +
        `${SUPPORTED_VERSIONS.join(', ')} (upgrade interleave to replay a newer trace)`,
    );
  }
}

function traceOptions(raw: unknown): TraceOptions {
  if (!isRecord(raw)) refuse('options', 'an object', raw);
  const get = (k: string, dflt: unknown): unknown => own(raw, k) ?? dflt;
  const boolean = (k: string, dflt: boolean): boolean => {
    const v = get(k, dflt);
    if (typeof v !== 'boolean') refuse(`options.${k}`, 'true or false', v);
    return v;
  };
  return {
    maxSteps: int('options.maxSteps', get('maxSteps', undefined), 1),
    graceSteps: int('options.graceSteps', get('graceSteps', undefined), 0),
    mode: oneOf('options.mode', get('mode', undefined), ['test', 'program'] as const),
    seed: int('options.seed', get('seed', undefined), 0),
    graceTime: int('options.graceTime', get('graceTime', Minute), 0),
    timeJumps: oneOf('options.timeJumps', get('timeJumps', 'due'), ['due', 'any'] as const),
    compat: boolean('compat', false),
    race: boolean('race', true),
    ...(own(raw, 'livelockSteps') === undefined
      ? {}
      : { livelockSteps: int('options.livelockSteps', own(raw, 'livelockSteps'), 1) }),
    ...(own(raw, 'awaitPoints') === undefined
      ? {}
      : { awaitPoints: int('options.awaitPoints', own(raw, 'awaitPoints'), 0) }),
  };
}

function traceEvent(i: number, e: unknown): TraceEvent {
  const field = `events[${i}]`;
  if (!isRecord(e)) refuse(field, 'an event { step, task, event, obj, detail, site }', e);
  const wire = {
    ...e,
    step: int(`${field}.step`, own(e, 'step'), 0),
    task: int(`${field}.task`, own(e, 'task'), 0),
    event: str(`${field}.event`, own(e, 'event'), 100),
    obj: str(`${field}.obj`, own(e, 'obj') ?? ''),
    detail: str(`${field}.detail`, own(e, 'detail') ?? '', MAX_TEXT),
    site: strOrNull(`${field}.site`, own(e, 'site') ?? null),
  };
  // A file holds the wire form only: the payload is read from it here, once, for the renderers
  // (whatever a `data` field in the file said: the wire form is what the trace records).
  return { ...wire, data: readWire(wire.event, wire.obj, wire.detail) };
}

function shrunkOf(raw: unknown): Trace['shrunk'] {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) refuse('shrunk', 'an object { preemptions, steps }', raw);
  const pair = (k: string): readonly [number, number] => {
    const v = own(raw, k);
    if (!Array.isArray(v) || v.length !== 2) refuse(`shrunk.${k}`, 'a pair [as found, as reported]', v);
    return [int(`shrunk.${k}[0]`, v[0], 0), int(`shrunk.${k}[1]`, v[1], 0)];
  };
  return { preemptions: pair('preemptions'), steps: pair('steps') };
}

/** Parse a trace file's text. A newer or corrupt trace is refused with a message, never a crash. */
export function parseTrace(text: string, source = 'trace file'): Trace {
  if (text.length > MAX_TRACE_BYTES) {
    throw new InterleaveError(
      `${source} is too large (${text.length} characters; at most ${MAX_TRACE_BYTES} are read)`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InterleaveError(`corrupt ${source}: it is not JSON`);
  }
  if (!isRecord(raw) || own(raw, 'format') !== 'interleave-trace') {
    throw new InterleaveError(`${source} is not an interleave trace (no "format": "interleave-trace")`);
  }
  const version = own(raw, 'version');
  checkVersion(typeof version === 'number' ? version : NaN, source);
  try {
    const choices = list('choices', own(raw, 'choices'), MAX_CHOICES).map((c, i): RecordedChoice => {
      if (!isRecord(c)) refuse(`choices[${i}]`, 'a choice { step, kind, id }', c);
      const step = int(`choices[${i}].step`, own(c, 'step'), 0);
      const kind = oneOf(`choices[${i}].kind`, own(c, 'kind'), ['task', 'case', 'timer'] as const);
      return { step, kind, id: str(`choices[${i}].id`, own(c, 'id')) };
    });
    const p = own(raw, 'program');
    const program =
      p === null || p === undefined
        ? null
        : isRecord(p)
          ? locator('program', own(p, 'file'), own(p, 'export'))
          : refuse('program', 'an object { file, export } or null', p);
    const s = own(raw, 'strategy') ?? { name: 'unknown', params: {} };
    if (!isRecord(s)) refuse('strategy', 'an object { name, params }', s);
    const params = own(s, 'params') ?? {};
    if (!isRecord(params)) refuse('strategy.params', 'an object', params);
    const shrunk = shrunkOf(own(raw, 'shrunk'));
    const trace: Trace = {
      ...raw,
      format: 'interleave-trace',
      version: version as number,
      program,
      options: traceOptions(own(raw, 'options')),
      strategy: { name: str('strategy.name', own(s, 'name') ?? 'unknown'), params },
      run: int('run', own(raw, 'run') ?? 0, 0),
      choices,
      events: list('events', own(raw, 'events'), MAX_EVENTS).map((e, i) => traceEvent(i, e)),
      finding: finding(own(raw, 'finding')),
      ...(shrunk ? { shrunk } : {}),
    };
    return trace;
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    // The message a reader of older versions of this module knew, then the field at fault.
    const head = /^choices\[/.test(e.message) ? 'a choice is not { step, kind, id }: ' : '';
    throw new InterleaveError(`corrupt ${source}: ${head}${e.message}`);
  }
}

export function recipeOf(trace: Trace): ReplayRecipe {
  return { program: trace.program, options: trace.options, run: trace.run, choices: trace.choices };
}

/** Stable JSON (2-space indented, fixed key order from construction): the same run gives the same bytes. */
export function stringifyTrace(trace: Trace): string {
  return JSON.stringify(wireTrace(trace), null, 2) + '\n';
}

/** The trace as a file holds it: events in their wire form (parseTrace reads their payloads back). */
export function wireTrace(trace: Trace): Trace {
  return { ...trace, events: trace.events.map(wireEvent) };
}
