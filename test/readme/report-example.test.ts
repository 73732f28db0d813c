import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../cli/in-process.js';
import { ROOT } from '../cli/run.js';

/*
 * The README shows what `interleave check examples/readme/ping-pong.ts` prints. This keeps the
 * block true: it is the command's output, minus the trace file's path (a folder of this machine).
 */
const reports = mkdtempSync(path.join(tmpdir(), 'interleave-readme-'));
afterAll(() => rmSync(reports, { recursive: true, force: true }));

function readmeBlock(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- report-example:');
  expect(start).toBeGreaterThan(-1);
  const open = readme.indexOf('```text\n', start) + '```text\n'.length;
  return readme.slice(open, readme.indexOf('```', open));
}

describe("the README's example report", () => {
  it('should be what check prints for the example, byte for byte', async () => {
    const out = await runMain(['check', 'examples/readme/ping-pong.ts', '--reports-dir', reports]);
    expect(out.status).toBe(1);
    const printed = out.stdout
      .split('\n')
      .filter((line) => !line.startsWith('trace: '))
      .join('\n')
      .trimStart();
    const shown = readmeBlock();
    expect(printed.startsWith(shown)).toBe(true);
    expect(shown).toContain('* a culprit step');
    expect(shown).toContain('chan#2 (done)');
  });
});
