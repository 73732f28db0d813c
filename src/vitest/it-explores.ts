import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, type TestContext } from 'vitest';
import { explore, replay, type ExploredFinding } from '../explore/explore.js';
import type { ExploreOptions } from '../explore/options.js';
import type { Program } from '../explore/program.js';
import { decodeReplay, recipeOf, type Trace } from '../explore/trace.js';
import { serial } from './queue.js';
import { displayPath, provenance, renderFailure, REPLAY_ENV, rerunCommand } from './report.js';
import { settingsFor, type ItExploresOptions, type Settings } from './settings.js';
import {
  deleteSaved,
  portableTrace,
  readSaved,
  savedPath,
  traceFilePath,
  writeSaved,
  writeTraceFile,
  type TestId,
} from './store.js';

/** What an itExplores test explores: a main function (task 1) or a `program(...)`. */
export type Explorable = Program | (() => unknown);

/** The error an itExplores test fails with: the report as its message, the findings attached. */
export class InterleaveFindingError extends Error {
  override readonly name = 'InterleaveFinding';
  constructor(
    message: string,
    readonly findings: readonly { readonly kind: string; readonly replay: string }[],
  ) {
    super(message);
  }
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Where the test was declared: its stack frames, minus this module's. */
function declarationFrames(): string {
  const stack = new Error().stack ?? '';
  return stack
    .split('\n')
    .slice(1)
    .filter((l) => !l.includes(HERE))
    .join('\n');
}

interface Where {
  readonly id: TestId;
  readonly names: readonly string[];
  readonly rerun: string;
}

function whereIs(ctx: TestContext, root: string): Where {
  const names: string[] = [];
  for (let t: TestContext['task']['suite'] | TestContext['task'] | undefined = ctx.task; t; t = t.suite) {
    if (t === ctx.task.file) break;
    names.unshift(t.name);
  }
  const file = path.relative(root, ctx.task.file.filepath).split(path.sep).join('/');
  return { id: { file, name: names.join(' > ') }, names, rerun: rerunCommand(file, names) };
}

function fail(
  header: string,
  reports: string[],
  findings: InterleaveFindingError['findings'],
  frames: string,
) {
  const message = `${header}\n\n${reports.join('\n\n')}`;
  const err = new InterleaveFindingError(message, findings);
  err.stack = `${err.name}: ${message}\n${frames}`;
  return err;
}

/** `replay diverged at step 2 (…)`, without the CLI's advice that follows. */
const firstClause = (message: string): string => message.split(';')[0]!;

const rel = (s: Settings, file: string): string => displayPath(s.root, file);

/** Replay one schedule given by INTERLEAVE_REPLAY: a divergence fails, since the user asked for it. */
async function replayFromEnv(target: Explorable, s: Settings, where: Where, text: string, frames: string) {
  const recipe = decodeReplay(text);
  const r = await serial(() => replay(target, recipe));
  if (r.divergence) {
    const err = new Error(
      `${REPLAY_ENV} does not fit the test '${where.id.name}': ${firstClause(r.divergence.message)}. ` +
        `It was recorded by another test or older code: pass -t so that only its test runs, or unset ` +
        `${REPLAY_ENV} to explore`,
    );
    err.stack = `Error: ${err.message}\n${frames}`;
    throw err;
  }
  if (!r.finding) {
    console.info(`interleave: ${REPLAY_ENV} ran to the end without a finding in '${where.id.name}'`);
    return;
  }
  const trace = portableTrace(r.trace, s.root);
  const traceFile = traceFilePath(s.reportsDir, where.id, r.finding.kind);
  writeTraceFile(traceFile, trace);
  const report = renderFailure(
    { finding: trace.finding!, trace, replay: text.trim(), traceFile, rerun: where.rerun },
    s.root,
  );
  const header = `interleave: ${r.finding.kind}, replaying the schedule given by ${REPLAY_ENV}`;
  throw fail(header, [report], [{ kind: r.finding.kind, replay: text.trim() }], frames);
}

/**
 * Replay the schedule this test failed with last time. Returns the error to throw if it still
 * fails, null to go on exploring (it passed under that schedule, or no longer fits the code).
 */
async function replaySaved(target: Explorable, s: Settings, where: Where, frames: string) {
  const savedFile = rel(s, savedPath(s.reportsDir, where.id));
  let saved;
  try {
    saved = readSaved(s.reportsDir, where.id);
  } catch (e) {
    console.warn(`interleave: ignoring ${savedFile}: ${(e as Error).message}`);
    deleteSaved(s.reportsDir, where.id);
    return null;
  }
  if (!saved) return null;
  const r = await serial(() => replay(target, recipeOf(saved.trace)));
  if (r.divergence) {
    console.warn(
      `interleave: the failing schedule saved for '${where.id.name}' (${savedFile}) no longer fits the ` +
        `code, so it was not replayed: ${firstClause(r.divergence.message)}. Exploring as usual.`,
    );
    return null;
  }
  if (!r.finding) return null;
  const trace = portableTrace(r.trace, s.root);
  const traceFile = traceFilePath(s.reportsDir, where.id, r.finding.kind);
  writeTraceFile(traceFile, trace);
  const report = renderFailure(
    { finding: trace.finding!, trace, replay: saved.replay, traceFile, rerun: where.rerun },
    s.root,
  );
  const header =
    `interleave: ${r.finding.kind}, replaying the schedule this test failed with last time ` +
    `(${savedFile}, found with seed ${saved.trace.options.seed}; deleted when the test passes)`;
  return fail(header, [report], [{ kind: r.finding.kind, replay: saved.replay }], frames);
}

/** The body of an itExplores test. */
async function runExplores(
  ctx: TestContext,
  target: Explorable,
  options: ItExploresOptions,
  frames: string,
): Promise<void> {
  const s = settingsFor(options);
  const where = whereIs(ctx, s.root);
  const fromEnv = process.env[REPLAY_ENV];
  if (fromEnv) return replayFromEnv(target, s, where, fromEnv, frames);
  if (s.replayFirst) {
    const still = await replaySaved(target, s, where, frames);
    if (still) throw still;
  }
  const result = await serial(() => explore(target, s.explore));
  if (result.findings.length === 0) {
    deleteSaved(s.reportsDir, where.id);
    return;
  }
  const ordinals = new Map<string, number>();
  const reports = result.findings.map((f: ExploredFinding) => {
    const n = (ordinals.get(f.kind) ?? 0) + 1;
    ordinals.set(f.kind, n);
    const trace: Trace = portableTrace(f.trace, s.root);
    const traceFile = traceFilePath(s.reportsDir, where.id, f.kind, n);
    writeTraceFile(traceFile, trace);
    const report = renderFailure(
      { finding: trace.finding ?? f, trace, replay: f.replay, traceFile, rerun: where.rerun },
      s.root,
    );
    return result.findings.length > 1 ? `${f.kind} ${provenance(result, f.run)}\n\n${report}` : report;
  });
  const first = result.findings[0]!;
  const savedFile = writeSaved(s.reportsDir, where.id, first.replay, portableTrace(first.trace, s.root));
  const kinds = result.findings.map((f) => f.kind).join(', ');
  const header =
    `interleave: ${kinds} found ${provenance(result, first.run)}; ` +
    `the next run replays it first (${rel(s, savedFile)})`;
  throw fail(
    header,
    reports,
    result.findings.map((f) => ({ kind: f.kind, replay: f.replay })),
    frames,
  );
}

type TestFn = (name: string, fn: (ctx: TestContext) => Promise<void>, timeout?: number) => void;

export interface ItExplores {
  (name: string, target: Explorable, options?: ItExploresOptions): void;
  only: (name: string, target: Explorable, options?: ItExploresOptions) => void;
  skip: (name: string, target: Explorable, options?: ItExploresOptions) => void;
  concurrent: (name: string, target: Explorable, options?: ItExploresOptions) => void;
}

function declare(via: TestFn) {
  return (name: string, target: Explorable, options: ItExploresOptions = {}): void => {
    const frames = declarationFrames();
    via(name, (ctx) => runExplores(ctx, target, options, frames), options.timeout);
  };
}

/**
 * A test whose body runs under the explorer: it fails with the first finding (deadlock, leak,
 * panic, a failed `expect` inside the program...), its report and the line that replays it.
 *
 * ```ts
 * itExplores('ping-pong finishes', async () => {
 *   const ch = chan<number>();
 *   go(() => ch.send(1));
 *   expect(await ch.recv()).toBe(1);
 * }, { runs: 200 });
 * ```
 */
export const itExplores: ItExplores = Object.assign(declare(test), {
  only: declare(test.only),
  skip: declare(test.skip),
  concurrent: declare(test.concurrent),
});

/** explore() with the plugin's defaults, queued with the other explorations of this worker. */
export type ExploreFixture = (target: Explorable, options?: ExploreOptions) => ReturnType<typeof explore>;

/**
 * Fixtures for Vitest's `test.extend`: `explore` is explore() with the plugin's defaults, queued
 * with the other explorations of the worker (safe under `test.concurrent`).
 *
 * ```ts
 * const it = test.extend(interleaveFixtures);
 * it('tee leaks when cancelled', async ({ explore }) => expect(await explore(teeCancel)).toLeak());
 * ```
 *
 * (A fixtures object rather than an extended `test`, so that importing `interleave/vitest` from
 * vitest.config stays possible, and so that it combines with a project's own fixtures.)
 */
export const interleaveFixtures = {
  // Vitest reads the fixture's dependencies from the destructuring of its first parameter.
  explore: async ({}, use: (value: ExploreFixture) => Promise<void>): Promise<void> => {
    await use((target, options = {}) =>
      serial(() => explore(target, { ...settingsFor().explore, ...options })),
    );
  },
};
