import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { closePool } from './spawn.js';
import { parseCommand } from './args.js';
import { check } from './check.js';
import { explainCommand } from './explain.js';
import { replayCommand } from './replay.js';
import { reportCommand } from './report-command.js';
import { describeThrown, InterleaveError } from '../base/errors.js';
import { CliError, commandHelp, EXIT, HELP, HINT, UsageError } from './usage.js';
import { escapeLine } from '../report/escape.js';

/**
 * The `interleave` command line. Returns the exit status: 0 clean, 1 findings, 2 bad usage or a
 * file, trace or program that cannot be loaded.
 */
export async function main(argv: readonly string[], root = process.cwd()): Promise<number> {
  // `report` parses its own arguments (report-command.ts).
  if (argv[0] === 'report') return reportCommand([...argv.slice(1)], root);
  if (argv.length === 0) {
    process.stderr.write(`interleave: no command given\n${HINT}\n`);
    return EXIT.error;
  }
  try {
    const cmd = parseCommand(argv);
    switch (cmd.name) {
      case 'help':
        process.stdout.write(cmd.topic ? commandHelp(cmd.topic) : HELP);
        return EXIT.clean;
      case 'version':
        process.stdout.write(`${version()}\n`);
        return EXIT.clean;
      case 'check':
        return await check(cmd, root);
      case 'replay':
        return await replayCommand(cmd, root);
      case 'explain':
        return await explainCommand(cmd, root);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`interleave: ${oneLine(e.message)}\n${HINT}\n`);
      return EXIT.error;
    }
    if (e instanceof CliError || e instanceof InterleaveError) {
      process.stderr.write(`interleave: ${oneLine(e.message)}\n`);
      return EXIT.error;
    }
    // Not one of ours: still one line and exit 2, never a stack trace (NODE_DEBUG=interleave shows it).
    const why = describeThrown(e);
    if (/\binterleave\b/.test(process.env.NODE_DEBUG ?? ''))
      process.stderr.write(`${(e as Error)?.stack ?? why}\n`);
    process.stderr.write(
      `interleave: internal error: ${oneLine(why)} (a bug in interleave: please report it with the command that gave it; NODE_DEBUG=interleave prints the stack)\n`,
    );
    return EXIT.error;
  } finally {
    await closePool();
  }
}

/** A message on one line: its own line breaks and control characters shown escaped. */
function oneLine(message: string): string {
  return escapeLine(message);
}

/**
 * The package's version, from its package.json: two folders up from this module, both in the
 * sources (src/cli/main.ts) and compiled (dist/cli/main.js), wherever the package is installed.
 */
export function version(): string {
  const file = fileURLToPath(new URL('../../package.json', import.meta.url));
  let v: unknown;
  try {
    v = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new CliError(`cannot read the version from ${file} (${why}); reinstall interleave`);
  }
  if (typeof v !== 'string') throw new CliError(`${file} names no version; reinstall interleave`);
  return v;
}
