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
  "usage: interleave check <files or folders> [options] | interleave replay <trace> (see 'interleave --help')";

export const HELP = `interleave: explore the interleavings of programs written with Go's concurrency model

Usage:
  interleave check <files or folders> [options]
      Explore every exported program(...) of the .ts/.mts/.js/.mjs files given (folders are searched
      recursively, skipping node_modules, dotfiles and *.test.* files). Prints each finding with a
      goroutine dump, the interleaving and a replay command, and writes its trace under reports/.

      --runs N          schedules to try per program (default: the program's own, else 100)
      --seed S          seed of the exploration (default 1); same seed, same findings
      --strategy NAME   exploration strategy: random
      --mode test|program
                        test: every task must finish (default); program: Go program exit semantics
      --timeout SEC     stop a program that makes no progress for SEC seconds (default 60)
      --json            print one JSON object on stdout and nothing else

  interleave replay <trace file or replay string> [--continue]
      Re-run exactly the schedule of a finding (a reports/*.trace.json file or an 'il1.…' string)
      and print it. --continue goes on with a seeded strategy if the program no longer fits the trace.

  interleave help | --help

Exit status: 0 clean, 1 findings, 2 bad usage or a file that cannot be loaded.
Options on the command line override the options a program was declared with.
`;
