import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderHtml } from '../report/html/index.js';
import { InterleaveError } from '../base/errors.js';
import type { Trace } from '../explore/trace.js';
import { timeout } from './arg-values.js';
import { parseOptions } from './args.js';
import { repoRelative } from './files.js';
import { removeQuietly, unwritable } from './inputs.js';
import { traceFileName } from './output.js';
import { readSource, replaySource } from './replay.js';
import { asksHelp, CliError, commandHelp, EXIT, UsageError } from './usage.js';

const USAGE =
  'usage: interleave report <trace file or replay string> [-o|--out FILE] [--timeout SEC] [--allow-outside-root]';

/**
 * `interleave report <trace file or replay string> [-o|--out FILE]`: write the finding's
 * self-contained HTML timeline. A trace file with events is rendered as it is; a replay string
 * (or a trace without events) is re-run first, its program loaded by locator in a worker under
 * the watchdog, exactly as `interleave replay` does. The page goes to `--out`, else next to the
 * trace file (`x.trace.json` → `x.trace.html`), else to `reports/<file>.<export>.<kind>.html`.
 * Returns the exit status: 0 written, 2 if it could not be (the message says why, on stderr).
 */
export async function reportCommand(argv: string[], root: string = process.cwd()): Promise<number> {
  if (asksHelp(argv)) {
    process.stdout.write(commandHelp('report'));
    return EXIT.clean;
  }
  try {
    const args = parseReportArgs(argv);
    if (args.out !== null) {
      const problem = unwritable(path.resolve(root, args.out), args.out);
      if (problem) throw new UsageError(`--out ${problem}`);
    }
    const { trace, traceFile } = await loadTrace(args.input, root, args.timeoutMs, args.allowOutsideRoot);
    const out = args.out ?? defaultOut(trace, traceFile);
    const abs = path.resolve(root, out);
    const problem = unwritable(abs, out);
    if (problem) throw new CliError(`cannot write the page: ${problem}`);
    const tmp = `${abs}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(tmp, renderHtml(trace));
      renameSync(tmp, abs);
    } catch (e) {
      removeQuietly(tmp);
      const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
      throw new CliError(`cannot write ${out} (${why})`);
    }
    process.stdout.write(`${repoRelative(abs, root)}\n`);
    return EXIT.clean;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`interleave report: ${e.message}\n${USAGE}\n`);
      return EXIT.error;
    }
    if (e instanceof CliError || e instanceof InterleaveError) {
      process.stderr.write(`interleave report: ${e.message}\n`);
      return EXIT.error;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`interleave report: ${msg}\n`);
    return EXIT.error;
  }
}

interface ReportArgs {
  readonly input: string;
  readonly out: string | null;
  readonly timeoutMs: number;
  readonly allowOutsideRoot: boolean;
}

function parseReportArgs(argv: string[]): ReportArgs {
  const parsed = parseOptions(argv, {
    out: { type: 'string', short: 'o' },
    timeout: { type: 'string' },
    'allow-outside-root': { type: 'boolean' },
  });
  const values = parsed.values as { out?: string; timeout?: string; 'allow-outside-root'?: boolean };
  const positionals = parsed.positionals;
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'which trace? give a trace file (reports/*.trace.json) or a replay string (il1.…)'
        : `one trace at a time (got ${positionals.length}: ${positionals.join(' ')})`,
    );
  }
  if (values.out !== undefined && values.out.trim() === '') throw new UsageError('--out needs a file name');
  return {
    input: positionals[0]!,
    out: values.out ?? null,
    timeoutMs: timeout(values.timeout),
    allowOutsideRoot: values['allow-outside-root'] === true,
  };
}

/**
 * The trace to render: a trace file with events as it is; a replay string, or a trace without
 * events, re-run by `interleave replay`'s own functions (program loaded by locator in a worker).
 */
async function loadTrace(
  input: string,
  root: string,
  timeoutMs: number,
  allowOutsideRoot: boolean,
): Promise<{ trace: Trace; traceFile: string | null }> {
  const src = readSource(input, root);
  if (src.trace && src.trace.events.length > 0) return { trace: src.trace, traceFile: src.traceFile };
  const reply = await replaySource(src, root, false, timeoutMs, null, allowOutsideRoot);
  if (reply.divergence) throw new CliError(reply.divergence.message);
  return { trace: reply.trace, traceFile: src.traceFile };
}

/** Next to the trace file, else under reports/ by program and kind (as check names trace files). */
function defaultOut(trace: Trace, traceFile: string | null): string {
  if (traceFile) return traceFile.replace(/\.json$/i, '') + '.html';
  const loc = trace.program!;
  return traceFileName(loc.file, loc.export, trace.finding?.kind ?? 'clean').replace(
    /\.trace\.json$/,
    '.html',
  );
}
