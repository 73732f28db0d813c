import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chan, explore } from 'interleave';
import { rerunCommand } from '../../src/vitest/report.js';
import { deleteSaved, readSaved, savedPath, writeSaved } from '../../src/vitest/store.js';
import { interleavePlugin } from '../../src/vitest/plugin.js';

describe('rerunCommand', () => {
  it('should escape the names for -t and quote them for the shell', () => {
    expect(rerunCommand('test/a.test.ts', ['pool (n=2)', "it's [fast]"])).toBe(
      `npx vitest run 'test/a.test.ts' -t 'pool \\(n=2\\) it'\\''s \\[fast\\]$'`,
    );
  });
});

describe('saved schedules', () => {
  const id = { file: 'test/a.test.ts', name: 'suite > it works' };

  it('should name the file from the test file and full name only', () => {
    expect(path.basename(savedPath('/r', id))).toMatch(
      /^test-a\.test\.ts\.suite-it-works\.[0-9a-f]{10}\.json$/,
    );
    expect(savedPath('/r', id)).toBe(savedPath('/r', { ...id }));
    expect(savedPath('/r', id)).not.toBe(savedPath('/r', { ...id, name: 'suite > it works!' }));
  });

  it('should write, read back and delete a saved schedule, refusing one of another test', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'interleave-saved-'));
    try {
      const r = await explore(async () => chan<number>().send(1), { runs: 1 });
      const f = r.findings[0]!;
      writeSaved(dir, id, f.replay, f.trace);
      expect(readSaved(dir, id)).toMatchObject({ file: id.file, test: id.name, replay: f.replay });
      expect(readSaved(dir, { ...id, name: 'other' })).toBeNull();
      writeFileSync(
        savedPath(dir, id),
        JSON.stringify({ format: 'interleave-vitest-saved', version: 1, file: 'x', test: 'y' }),
      );
      expect(() => readSaved(dir, id)).toThrow('it belongs to another test (x > y)');
      deleteSaved(dir, id);
      expect(readSaved(dir, id)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('interleavePlugin', () => {
  it('should refuse a malformed default at startup', () => {
    expect(() => interleavePlugin({ runs: 0 })).toThrow('option runs must be an integer ≥ 1, got 0');
    expect(() => interleavePlugin({ replayFirst: 'yes' as unknown as boolean })).toThrow(
      'replayFirst must be a boolean',
    );
    expect(interleavePlugin({ runs: 10 }).name).toBe('interleave');
  });
});

describe('docs/vitest.md', () => {
  it('should show the tested example as it is', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const doc = readFileSync(path.join(root, 'docs/vitest.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(doc)![1]!;
    expect(block).toBe(readFileSync(path.join(root, 'test/vitest/example.test.ts'), 'utf8'));
  });
});
