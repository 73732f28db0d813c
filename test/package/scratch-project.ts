import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../cli/run.js';

/* The scratch project package.test.ts installs the packed tarball into, and the commands it runs there. */

const NPM_CLI = path.join(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js');
/** The version of a package the repository has installed (the scratch project installs the same). */
export const version = (pkg: string): string =>
  (createRequire(path.join(ROOT, 'package.json'))(`${pkg}/package.json`) as { version: string }).version;
export const OWN_VERSION = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function npm(cwd: string, ...args: string[]): string {
  const bin =
    process.env['npm_execpath'] && /npm-cli\.js$/.test(process.env['npm_execpath'])
      ? process.env['npm_execpath']
      : NPM_CLI;
  return execFileSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A command of the scratch project `project` (its node_modules/.bin), run there as a user would. */
export function runIn(project: string, bin: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [path.join(project, 'node_modules', bin), ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { ...cleanEnv(), NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The environment without what this Vitest run sets for its own workers. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'TEST',
    ),
  );
}

/** Writes `text` to `file` under `project`, making its folders. */
export function writeIn(project: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  writeFileSync(path.join(project, file), text);
}
