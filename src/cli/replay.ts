import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InterleaveError } from '../scheduler/errors.js';
import {
  decodeReplay,
  encodeReplay,
  isReplayString,
  parseTrace,
  recipeOf,
  type ReplayRecipe,
} from '../scheduler/trace.js';
import { renderFinding } from '../report/finding.js';
import type { Command } from './args.js';
import { repoRelative } from './files.js';
import { styleFor } from './output.js';
import { runJob } from './spawn.js';
import { CliError, EXIT } from './usage.js';

type ReplayCommand = Extract<Command, { name: 'replay' }>;

interface Source {
  readonly recipe: ReplayRecipe;
  /** The trace file it came from, if any (repo-relative). */
  readonly traceFile: string | null;
  /** What the recording found, when the source says (a trace file does, a replay string does not). */
  readonly recorded: string | null;
}

/**
 * `interleave replay`: decode a trace file or replay string, load its program by locator in a
 * worker (the same loader and watchdog as check), re-run that one schedule and print it.
 * Exit 1 if it reproduced a finding, 0 if the schedule ran clean, 2 if it could not be replayed.
 */
export async function replayCommand(cmd: ReplayCommand, root: string): Promise<number> {
  const src = readSource(cmd.input, root);
  const loc = src.recipe.program;
  if (!loc) {
    throw new CliError(
      'this trace does not say which program it came from (it was recorded by explore() without a ' +
        "program locator); pass the program option { file, export } to explore(), or use 'interleave check'",
    );
  }
  if (!existsSync(path.resolve(root, loc.file))) {
    throw new CliError(
      `cannot replay ${loc.file}#${loc.export}: no such file under ${root} (run replay from the repository root)`,
    );
  }
  process.stderr.write(
    `interleave: replaying ${loc.file}#${loc.export} (${src.recipe.choices.length} recorded choices)\n`,
  );
  const reply = await runJob(
    { kind: 'replay', file: loc.file, export: loc.export, recipe: src.recipe, cont: cmd.cont },
    root,
    cmd.timeoutMs,
  );
  if (reply.type === 'timeout') {
    throw new CliError(
      `${loc.file}#${loc.export} made no progress for ${reply.ms / 1000} s and was stopped: ` +
        'likely a synchronous infinite loop; add `await yield_()` inside the loop (or raise --timeout)',
    );
  }
  if (reply.type === 'failed') throw new CliError(reply.message);
  if (reply.type !== 'replayed') throw new CliError(`unexpected answer '${reply.type}' from the worker`);

  const out = process.stdout;
  if (reply.divergence) {
    if (!cmd.cont) throw new CliError(reply.divergence.message);
    out.write(`${reply.divergence.message}\ncontinuing with a seeded random strategy (--continue)\n\n`);
  }
  if (!reply.finding) {
    const was = src.recorded ? `; the trace recorded a ${src.recorded}, so the program has changed` : '';
    out.write(`no finding: the schedule ran to the end cleanly${was}\n`);
    return EXIT.clean;
  }
  // After a divergence the schedule shown is the new one: its own replay string, not the old file.
  const replay = encodeReplay(reply.divergence ? recipeOf(reply.trace) : src.recipe);
  const traceFile = reply.divergence ? null : src.traceFile;
  const report = { finding: reply.finding, trace: reply.trace, replay, traceFile };
  out.write(renderFinding(report, styleFor(out)) + '\n');
  return EXIT.findings;
}

function readSource(input: string, root: string): Source {
  const abs = path.resolve(root, input);
  try {
    if (existsSync(abs)) {
      const trace = parseTrace(readFileSync(abs, 'utf8'), `trace file ${repoRelative(abs, root)}`);
      return {
        recipe: recipeOf(trace),
        traceFile: repoRelative(abs, root),
        recorded: trace.finding?.kind ?? null,
      };
    }
    if (isReplayString(input)) return { recipe: decodeReplay(input), traceFile: null, recorded: null };
  } catch (e) {
    if (e instanceof InterleaveError) throw new CliError(e.message);
    throw e;
  }
  throw new CliError(`no such trace file, and not a replay string ('il1.…'): ${input}`);
}
