import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonTestResults } from 'vitest/reporters';

/** The repository root: the child Vitest runs there, as a user runs `npx vitest` in their project. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = 'test/vitest/fixtures';
const CONFIG = `${FIXTURES}/vitest.fixtures.config.ts`;
const VITEST = path.join(ROOT, 'node_modules/vitest/vitest.mjs');

export interface TestOutcome {
  readonly status: string;
  /** The failure messages, joined. */
  readonly message: string;
}

export interface VitestRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** By full test name (`suite test`). */
  readonly tests: ReadonlyMap<string, TestOutcome>;
}

/** This process's environment without what the parent Vitest and the plugin read. */
function parentEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('VITEST') && !['INTERLEAVE_REPLAY', 'FIXTURE_VARIANT'].includes(k),
    ),
  );
}

/**
 * Run the real Vitest in a child process on one fixture file, with the plugin's configuration,
 * reports under `reports` (absolute) and the JSON reporter written to a file beside them.
 */
export function vitest(
  fixture: string,
  reports: string,
  env: Record<string, string> = {},
  ...args: string[]
): Promise<VitestRun> {
  const out = path.join(reports, `vitest-${Math.random().toString(36).slice(2)}.json`);
  const argv = [VITEST, 'run', '--config', CONFIG, `${FIXTURES}/${fixture}`];
  // The default reporter too: it is the one that prints the tests' console output (warnings).
  argv.push('--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      {
        cwd: ROOT,
        env: { ...parentEnv(), NO_COLOR: '1', FIXTURE_REPORTS: reports, ...env },
        timeout: 600_000, // a hang guard, not a speed limit
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const tests = new Map<string, TestOutcome>();
        try {
          const doc = JSON.parse(readFileSync(out, 'utf8')) as JsonTestResults;
          for (const file of doc.testResults) {
            for (const a of file.assertionResults) {
              tests.set(a.fullName, { status: a.status, message: (a.failureMessages ?? []).join('\n') });
            }
          }
        } catch {
          // No report: the run failed before running tests; code and stderr say why.
        }
        resolve({ code, stdout, stderr, tests });
      },
    );
  });
}
