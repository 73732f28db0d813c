import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Finding } from '../checker/findings.js';
import { InterleaveError } from './errors.js';
import type { TraceEvent } from './recorder.js';
import type { RecordedChoice } from './replay.js';
import { Minute } from './duration.js';
import type { Mode, TimeJumps } from './runtime.js';
import type { ChoiceKind } from './strategy.js';

/*
 * The one module that owns the trace format: its JSON file and its one-line replay string.
 * Everything that reads or writes a trace goes through here, so a version bump is one change.
 */

export const TRACE_VERSION = 1;
export const SUPPORTED_VERSIONS = [1] as const;
const REPLAY_PREFIX = 'il1.';

/** Where a program lives: the file (repo-relative) and the export name. */
export interface ProgramLocator {
  readonly file: string;
  readonly export: string;
}

/** The options a run depends on: enough to re-execute it exactly. */
export interface TraceOptions {
  readonly maxSteps: number;
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
    ],
    r: recipe.run,
    c: recipe.choices.map((c) => [c.step, KIND_CODES[c.kind], c.id]),
  };
  return REPLAY_PREFIX + deflateRawSync(Buffer.from(JSON.stringify(compact))).toString('base64url');
}

export function isReplayString(s: string): boolean {
  return /^il\d+\./.test(s.trim());
}

export function decodeReplay(text: string): ReplayRecipe {
  const s = text.trim();
  const m = /^il(\d+)\.([A-Za-z0-9_-]+)$/.exec(s);
  if (!m) {
    throw new InterleaveError(
      `not a replay string: it should look like 'il1.<base64url>' (one line, as printed after a finding)`,
    );
  }
  const version = Number(m[1]);
  checkVersion(version, 'replay string');
  let raw: any;
  try {
    raw = JSON.parse(inflateRawSync(Buffer.from(m[2]!, 'base64url')).toString('utf8'));
  } catch {
    throw new InterleaveError('corrupt replay string: it does not decode (was it cut when pasted?)');
  }
  try {
    const [maxSteps, graceSteps, mode, seed, graceTime = Minute, timeJumps = 'due', compat = 0, race = 1] =
      raw.o as [number, number, Mode, number, number?, TimeJumps?, number?, number?];
    const recipe: ReplayRecipe = {
      program: raw.p ? { file: String(raw.p[0]), export: String(raw.p[1]) } : null,
      options: {
        maxSteps,
        graceSteps,
        mode,
        seed,
        graceTime,
        timeJumps,
        compat: compat === 1,
        race: race === 1,
      },
      run: Number(raw.r),
      choices: (raw.c as [number, string, string][]).map(([step, k, id]) => {
        const kind = CODE_KINDS[k];
        if (!kind || typeof id !== 'string' || !Number.isInteger(step)) throw new Error('bad choice');
        return { step, kind, id };
      }),
    };
    validateOptions(recipe.options, 'replay string');
    return recipe;
  } catch (e) {
    if (e instanceof InterleaveError) throw e;
    throw new InterleaveError('corrupt replay string: its fields are not those of an interleave trace');
  }
}

function checkVersion(version: number, what: string): void {
  if (!(SUPPORTED_VERSIONS as readonly number[]).includes(version)) {
    throw new InterleaveError(
      `${what} has format version ${version}; this interleave reads versions ` +
        `${SUPPORTED_VERSIONS.join(', ')} (upgrade interleave to replay a newer trace)`,
    );
  }
}

function validateOptions(o: TraceOptions, what: string): void {
  const ok =
    Number.isInteger(o.maxSteps) &&
    o.maxSteps > 0 &&
    Number.isInteger(o.graceSteps) &&
    o.graceSteps >= 0 &&
    (o.mode === 'test' || o.mode === 'program') &&
    Number.isInteger(o.seed) &&
    Number.isInteger(o.graceTime) &&
    o.graceTime >= 0 &&
    (o.timeJumps === 'due' || o.timeJumps === 'any') &&
    typeof o.compat === 'boolean' &&
    typeof o.race === 'boolean';
  if (!ok) throw new InterleaveError(`corrupt ${what}: invalid options ${JSON.stringify(o)}`);
}

/** Parse a trace file's text. A newer or corrupt trace is refused with a message, never a crash. */
export function parseTrace(text: string, source = 'trace file'): Trace {
  let raw: any;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InterleaveError(`corrupt ${source}: it is not JSON`);
  }
  if (raw === null || typeof raw !== 'object' || raw.format !== 'interleave-trace') {
    throw new InterleaveError(`${source} is not an interleave trace (no "format": "interleave-trace")`);
  }
  checkVersion(Number(raw.version), source);
  if (!Array.isArray(raw.choices) || !Array.isArray(raw.events) || typeof raw.options !== 'object') {
    throw new InterleaveError(`corrupt ${source}: choices, events or options missing`);
  }
  for (const c of raw.choices) {
    if (typeof c?.id !== 'string' || !(c.kind in KIND_CODES)) {
      throw new InterleaveError(`corrupt ${source}: a choice is not { step, kind, id }`);
    }
  }
  const options = { graceTime: Minute, timeJumps: 'due', compat: false, race: true, ...raw.options };
  validateOptions(options, source);
  return { ...raw, options } as Trace;
}

export function recipeOf(trace: Trace): ReplayRecipe {
  return { program: trace.program, options: trace.options, run: trace.run, choices: trace.choices };
}

/** Stable JSON (2-space indented, fixed key order from construction): the same run gives the same bytes. */
export function stringifyTrace(trace: Trace): string {
  return JSON.stringify(trace, null, 2) + '\n';
}
