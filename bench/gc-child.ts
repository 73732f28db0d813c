/**
 * Memory figures need a full GC before each reading, and a heap no earlier workload has touched: the
 * benchmarks that report heap sizes run their workload in a fresh `node --expose-gc` child process
 * (through tsx, from the repository's root) and read its one line of output.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `node --expose-gc --import tsx <script> <args>` and returns its trimmed stdout. */
export async function runGcChild(
  script: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<string> {
  const { stdout } = await exec(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], {
    cwd: root,
    timeout: timeoutMs,
    maxBuffer: 1 << 20,
  });
  return stdout.trim();
}
