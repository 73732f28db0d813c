import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonTestResults } from 'vitest/reporters';
import { ROOT } from '../cli/run.js';

/*
 * The Vitest plugin rewrites a test file's plain awaits (its Vite transform hook), so an itExplores
 * test finds a lost update that needs one task's code in another's one-microtask gap. A child
 * Vitest runs test/transform/fixtures/balance.fixture.ts; its JSON report is read back.
 */
const reports = mkdtempSync(path.join(tmpdir(), 'interleave-await-'));
afterAll(() => rmSync(reports, { recursive: true, force: true }));

function childVitest(): Promise<JsonTestResults> {
  const out = path.join(reports, 'results.json');
  const argv = [
    path.join(ROOT, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--config',
    'test/transform/fixtures/vitest.await.config.ts',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      { cwd: ROOT, env: { ...env, NO_COLOR: '1', FIXTURE_REPORTS: reports }, timeout: 600_000 },
      () => resolve(JSON.parse(readFileSync(out, 'utf8')) as JsonTestResults),
    );
  });
}

describe('the Vitest plugin on plain awaits', () => {
  it('should fail the lost update and pass the version with no await between read and write', async () => {
    const results = await childVitest();
    const byName = new Map(results.testResults.flatMap((f) => f.assertionResults.map((a) => [a.title, a])));
    const lost = byName.get('lost update')!;
    expect(lost.status).toBe('failed');
    expect((lost.failureMessages ?? []).join('\n')).toMatch(/lost update: balance is (80|90), not 70/);
    expect(byName.get('no await between read and write')!.status).toBe('passed');
  });
});
