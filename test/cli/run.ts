import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
