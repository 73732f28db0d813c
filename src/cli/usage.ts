import { SPLIT_MIN_CORES, SPLIT_MIN_RUNS } from './split.js';

/** Bad usage: exit 2 with the message and a one-line hint. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A file that cannot be loaded, a trace that cannot be read: exit 2, the message says which and why. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

export const HINT =
  "usage: interleave check <files or folders> [options] | interleave replay <trace> | interleave explain <trace> | interleave report <trace> (see 'interleave --help')";

/** The commands with a help of their own: `interleave <command> --help`, `interleave help <command>`. */
export const COMMANDS = ['check', 'replay', 'explain', 'report', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

const CHECK = `  interleave check <files or folders> [options]
      Explore every exported program(...) of the .ts/.mts/.js/.mjs files given (folders are searched
      recursively, following symbolic links, skipping node_modules, dotfiles and *.test.* files).
      Prints each finding with a goroutine dump, the interleaving and a replay command, and writes
      its trace under reports/. Finding no program at all is an error (exit 2) unless --allow-empty.

      --runs N          schedules to try per program (default: the program's own, else 100)
      --seed S          seed of the exploration (default 1); same seed, same findings
      --strategy NAME   portfolio (default: random and PCT runs in turn), random, pct, dfs
                        (exhaustive), dpor (exhaustive with partial-order reduction)
      --mode test|program
                        test: every task must finish (default); program: Go program exit semantics
      --max-steps N     a run's step bound (default 200,000): a run still making progress there is
                        reported as a step limit, not a livelock
      --livelock-steps N
                        steps without progress (only spins, the clock still) that make a run a
                        livelock (default 5,000); raise it for tasks that legitimately spin longer
      --grace-steps N   test mode: steps the tasks left get after main returns (default 1,000)
      --await-points N  plain awaits of each task per run that are switch points (default 8; 0: none)
      --timeout SEC     stop a program that makes no progress for SEC seconds (default 60;
                        0.1 to 2147483)
      --budget N|30s    N: schedules per program (as --runs); 30s, 2m: explore each program for that
                        long, then print the run count reached (--runs with it reproduces the run)
      --json            print one JSON object on stdout and nothing else
      --verbose         print what the programs print (console.*) in every run, as it happens, and
                        each program's note about a task of a finished run; by default a program's
                        output is shown only with a finding, in the rows of its interleaving
      --reporter junit  also write JUnit XML (one testcase per program) to --junit-file
      --junit-file PATH where the JUnit XML goes (default reports/junit.xml)
      --reports-dir DIR where the trace files go (default reports)
      --baseline FILE   accepted findings (reviewed, committed): reported as baselined, not failing
      --update-baseline write this run's findings to the baseline (default interleave.baseline.json)
      --ignore-task GLOB
                        a leak whose leaked tasks all match (name or stable id) is dropped; repeatable
      --ignore-top-function GLOB
                        the same, matching a task's function name or its spawn site's file
      --shard i/n       this machine's share, for CI: runs r with r mod n = i - 1 of every program
                        (the shards' findings together are one machine's); a dfs program splits
                        its search tree; a dpor program is explored whole on shard k mod n + 1
                        (k: its place among the programs, sorted by file, export)
      --checkpoint FILE a dfs or dpor search goes on from where FILE says the last check stopped,
                        and FILE is rewritten with where this one stopped (CI jobs one after another)
      --workers N       threads at once (default: the cores, at most 4; N at most 256); with --runs
                        of at least ${SPLIT_MIN_RUNS} and at least ${SPLIT_MIN_CORES} cores, each program's runs are
                        split among N threads, at most one per core (not under --budget or --checkpoint)
      --allow-empty     let a check that finds no program pass (exit 0) instead of exit 2
      A path may name one program: file.ts#export.
`;

const OUTSIDE = `      --allow-outside-root runs the program the trace names even when it lies outside the project
      root (the folder of the nearest package.json); refused by default, as a pasted trace could
      name any file on the disk.`;

const REPLAY = `  interleave replay <trace file or replay string> [--continue] [--break-at N] [--timeout SEC]
                   [--allow-outside-root]
      Re-run exactly the schedule of a finding (a reports/*.trace.json file or an 'il1.…' string)
      and print it, with what the program printed. --continue goes on with a seeded strategy if the
      program no longer fits the trace.
      --break-at N runs it in this process and stops an attached debugger just before step N
      (node --inspect-brk bin/interleave.js replay <trace> --break-at N, or an IDE debug terminal).
${OUTSIDE}
`;

const EXPLAIN = `  interleave explain <trace file or replay string> [--timeout SEC] [--allow-outside-root]
      Tell the failure's story in plain words: the steps that matter, and why no task could move.
${OUTSIDE}
`;

const REPORT = `  interleave report <trace file or replay string> [-o|--out FILE] [--timeout SEC]
                   [--allow-outside-root]
      Write the finding as one self-contained HTML page (no network): a lane per task, arrows for
      channel hand-offs and other happens-before edges, the culprit steps marked, ←/→ to step.
${OUTSIDE}
`;

const HELP_COMMAND = `  interleave help [command] | --help | --version
      This text; a command's own with 'interleave <command> --help' (or -h), or 'interleave help
      <command>'. --version prints interleave's version.
`;

const FOOTER = `Exit status: 0 clean, 1 findings, 2 bad usage, a file that cannot be loaded or written, or no
program found (see --allow-empty).
Options on the command line override the options a program was declared with.
`;

export const HELP = `interleave: explore the interleavings of programs written with Go's concurrency model

Usage:
${[CHECK, REPLAY, EXPLAIN, REPORT, HELP_COMMAND].join('\n')}
${FOOTER}`;

const SECTIONS: Record<CommandName, string> = {
  check: CHECK,
  replay: REPLAY,
  explain: EXPLAIN,
  report: REPORT,
  help: HELP_COMMAND,
};

/** One command's help, as `interleave <command> --help` prints it. */
export function commandHelp(name: CommandName): string {
  return `Usage:\n${SECTIONS[name]}\n${FOOTER}`;
}

/** Whether the arguments ask for help (`--help` or `-h` before a `--`). */
export function asksHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}
