import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { JsonFinding, JsonReport } from '../../src/cli/output.js';

/** The repository root: the CLI runs there, so locators and reports/ paths are repo-relative. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = 'test/cli/fixtures';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the real command, `node bin/interleave.js ...`, as a user would. */
export function cli(...args: string[]): CliRun {
  return cliWith({}, ...args);
}

/** The same, with extra environment variables (`CI`, say). */
export function cliWith(env: NodeJS.ProcessEnv, ...args: string[]): CliRun {
  const r = spawnSync(process.execPath, ['bin/interleave.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 600_000, // a hang guard, not a speed limit
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const fixture = (name: string): string => `${FIXTURES}/${name}`;

/** The document `check --json` printed: the CLI's own output, typed by the types that build it. */
export const parseReport = (stdout: string): JsonReport => JSON.parse(stdout) as JsonReport;

/** A finding as a failing check reports it when it could write its trace: both are there. */
export interface TracedFinding extends JsonFinding {
  readonly replay: string;
  readonly trace: string;
}

/** `f` with its replay string and trace file; throws, naming what it got, when either is missing. */
export function traced(f: JsonFinding | undefined): TracedFinding {
  if (f === undefined || f.replay === null || f.trace === null) {
    throw new Error(`expected a finding with a replay string and a trace file, got ${JSON.stringify(f)}`);
  }
  return { ...f, replay: f.replay, trace: f.trace };
}
