import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ROOT } from './run.js';

/** What one command printed and its exit status. */
export interface Outcome {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The command line in this process: `main(argv, root)` as bin/interleave.js calls it, with what it
 * (and its worker threads) write to stdout and stderr collected. `guard` wraps the call (a hang
 * guard, a memory bound). The process boundary itself is check.test.ts's.
 */
export async function runMain(
  argv: readonly string[],
  root = ROOT,
  guard: (call: Promise<number>) => Promise<number> = (call) => call,
): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  try {
    return { status: await guard(main(argv, root)), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}
