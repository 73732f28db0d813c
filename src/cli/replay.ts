import inspector from 'node:inspector';
import path from 'node:path';
import { InterleaveError } from '../base/errors.js';
import { setSiteRoot } from '../base/site.js';
import {
  decodeReplay,
  encodeReplay,
  isReplayString,
  MAX_TRACE_BYTES,
  parseTrace,
  recipeOf,
  type ReplayRecipe,
  type Trace,
} from '../explore/trace.js';
import { escapeText } from '../report/escape.js';
import { renderFinding } from '../report/finding.js';
import type { Command } from './args.js';
import { repoRelative } from './files.js';
import { isInside, projectRoot, readInputFile, statOf } from './inputs.js';
import { runJobHere } from './job.js';
import { styleFor } from './output.js';
import type { Reply } from './protocol.js';
import { runJob } from './spawn.js';
import { CliError, EXIT, UsageError } from './usage.js';

type ReplayCommand = Extract<Command, { name: 'replay' }>;

export interface Source {
  readonly recipe: ReplayRecipe;
  /** The trace file it came from, if any (repo-relative). */
  readonly traceFile: string | null;
  /** The whole trace, when the source is a trace file (a replay string carries only the recipe). */
  readonly trace: Trace | null;
  /** What the recording found, when the source says (a trace file does, a replay string does not). */
  readonly recorded: string | null;
}

/**
 * `interleave replay`: decode a trace file or replay string, load its program by locator in a
 * worker (the same loader and watchdog as check), re-run that one schedule and print it.
 * Exit 1 if it reproduced a finding, 0 if the schedule ran clean, 2 if it could not be replayed.
 * With `--break-at N` the schedule runs in this thread with no watchdog, and a debugger attached
 * to the command stops just before step N.
 */
export async function replayCommand(cmd: ReplayCommand, root: string): Promise<number> {
  const src = readSource(cmd.input, root);
  if (cmd.breakAt !== null && src.trace) checkBreakAt(cmd.breakAt, stepCount(src.trace));
  const reply = await replaySource(src, root, cmd.cont, cmd.timeoutMs, cmd.breakAt, cmd.allowOutsideRoot);
  const out = process.stdout;
  if (cmd.breakAt !== null) {
    // A replay string does not say how long its schedule is: check now that it ran.
    const steps = stepCount(reply.trace);
    if (cmd.breakAt > steps) {
      throw new UsageError(
        `--break-at ${cmd.breakAt} is past the end of this schedule, which has ${steps} steps; give 1 to ${steps}`,
      );
    }
  }
  if (reply.divergence) {
    if (!cmd.cont) throw new CliError(reply.divergence.message);
    out.write(
      `${escapeText(reply.divergence.message)}\ncontinuing with a seeded random strategy (--continue)\n\n`,
    );
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
  // The run as recorded, counted from 0: the number check, --json, explain and the HTML page give.
  out.write(`${renderFinding(report, styleFor(out))}\nrun:    ${reply.trace.run}\n`);
  return EXIT.findings;
}

type Replayed = Extract<Reply, { type: 'replayed' }>;

/** Re-run a source's schedule in a worker (or here, for --break-at) and return what it recorded. */
export async function replaySource(
  src: Source,
  root: string,
  cont: boolean,
  timeoutMs: number,
  breakAt: number | null = null,
  allowOutsideRoot = false,
): Promise<Replayed> {
  const loc = src.recipe.program;
  if (!loc) {
    throw new CliError(
      'this trace does not say which program it came from (it was recorded by explore() without a ' +
        "program locator); pass the program option { file, export } to explore(), or use 'interleave check'",
    );
  }
  const abs = path.resolve(root, loc.file);
  const project = projectRoot(root);
  // A replay string or trace names the file to import and run: only the project's own, unless asked.
  if (!allowOutsideRoot && !isInside(abs, project)) {
    throw new CliError(
      `refusing to run ${loc.file}#${loc.export}: the trace names a program outside the project root ${project} ` +
        '(the folder of the nearest package.json); if you trust it, pass --allow-outside-root',
    );
  }
  const st = statOf(abs);
  if ('error' in st || !st.isFile()) {
    throw new CliError(
      `cannot replay ${loc.file}#${loc.export}: no such file under ${root} (run replay from the repository root)`,
    );
  }
  process.stderr.write(
    `interleave: replaying ${loc.file}#${loc.export} (${src.recipe.choices.length} recorded choices)\n`,
  );
  const job = { kind: 'replay', file: loc.file, export: loc.export, recipe: src.recipe, cont } as const;
  let reply;
  if (breakAt !== null) {
    process.stderr.write(breakAtHelp(breakAt, inspector.url() !== undefined));
    setSiteRoot(root);
    reply = await runJobHere(job, root, () => {}, breakAt);
  } else {
    reply = await runJob(job, root, timeoutMs);
  }
  if (reply.type === 'timeout') {
    throw new CliError(
      `${loc.file}#${loc.export} made no progress for ${reply.ms / 1000} s and was stopped: ` +
        'likely a synchronous infinite loop; add `await yield_()` inside the loop (or raise --timeout)',
    );
  }
  if (reply.type === 'failed') throw new CliError(reply.message);
  if (reply.type !== 'replayed') throw new CliError(`unexpected answer '${reply.type}' from the worker`);
  return reply;
}

/** How many steps a recorded schedule has: where its finding was, else its last event or choice. */
function stepCount(trace: Pick<Trace, 'finding' | 'events' | 'choices'>): number {
  if (trace.finding && trace.finding.step > 0) return trace.finding.step;
  let n = 0;
  for (const e of trace.events) n = Math.max(n, e.step);
  for (const c of trace.choices) n = Math.max(n, c.step + 1);
  return n;
}

function checkBreakAt(n: number, steps: number): void {
  if (n > steps) {
    throw new UsageError(
      `--break-at ${n} is past the end of this schedule, which has ${steps} steps; give 1 to ${steps}`,
    );
  }
}

function breakAtHelp(n: number, attached: boolean): string {
  const script = repoRelative(process.argv[1] ?? 'bin/interleave.js', process.cwd()) || 'bin/interleave.js';
  const args = process.argv.slice(2).map((a) => (/^[\w./#:=@-]+$/.test(a) ? a : `'${a}'`));
  const lines = [
    `interleave: --break-at ${n}: the schedule runs in this process (no watchdog), and a \`debugger\``,
    `  statement runs just before step ${n}: an attached debugger stops there, in Runtime.pause (t is the`,
    '  task about to move; step into t.target.perform to see its operation, or set a breakpoint in your',
    '  code and continue). Steps are numbered as in the interleaving and in `interleave explain`.',
  ];
  if (!attached) {
    lines.push(
      '  No debugger is attached to this process, so it will not stop. Either run',
      `    node --inspect-brk ${script} ${args.join(' ')}`,
      '  and open chrome://inspect (or attach your IDE), or run the same command in an IDE debug',
      "  terminal (VS Code: 'JavaScript Debug Terminal').",
    );
  }
  return lines.join('\n') + '\n';
}

/** What readSource refuses with: what it wants instead. */
const WANTED = "give a trace file (reports/….trace.json) or a replay string ('il1.…')";

export function readSource(input: string, root: string): Source {
  if (input.trim() === '') throw new CliError(`the trace is an empty argument; ${WANTED}`);
  try {
    const abs = path.resolve(root, input);
    const st = statOf(abs);
    if ('error' in st && isReplayString(input)) {
      return { recipe: decodeReplay(input), traceFile: null, trace: null, recorded: null };
    }
    if ('error' in st && st.error === 'no such file or folder') {
      throw new CliError(`no such trace file, and not a replay string ('il1.…'): ${shownInput(input)}`);
    }
    const rel = repoRelative(abs, root);
    const shown = rel === '' ? '.' : rel.startsWith('..') ? shownInput(input) : rel;
    const text = readInputFile(abs, shown, 'a trace file', MAX_TRACE_BYTES, WANTED);
    const trace = parseTrace(text, `trace file ${shown}`);
    return {
      recipe: recipeOf(trace),
      traceFile: repoRelative(abs, root),
      trace,
      recorded: trace.finding?.kind ?? null,
    };
  } catch (e) {
    if (e instanceof InterleaveError) throw new CliError(e.message);
    throw e;
  }
}

/** A user's argument in a message: control characters escaped, at most 80 characters. */
function shownInput(s: string): string {
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}
