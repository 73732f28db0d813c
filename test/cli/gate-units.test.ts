import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding, TaskSnapshot } from '../../src/checker/findings.js';
import { normalizeMessage, readBaseline, updateBaseline } from '../../src/cli/baseline.js';
import { glob, isIgnored } from '../../src/cli/filters.js';
import { BarProgress, interactive, PlainProgress } from '../../src/cli/progress.js';

const task = (name: string, spawnSite: string | null = 'src/pool.ts:12'): TaskSnapshot => ({
  id: 2,
  name,
  stableId: `main/${name}`,
  state: 'blocked',
  waitReason: 'chan send',
  site: 'src/pool.ts:14',
  spawnSite,
  parent: 1,
  parentName: 'main',
});
const leak = (...tasks: TaskSnapshot[]): Finding => ({
  kind: 'leak',
  message: `leak: ${tasks.length} tasks blocked forever after main returned`,
  summary: '',
  tasks,
  task: null,
  stack: null,
  step: 9,
});
const none = { tasks: [], topFunctions: [] };

describe('leak filters', () => {
  it('should drop a leak only when every leaked task matches', () => {
    expect(isIgnored(leak(task('merge.closer')), { ...none, tasks: ['merge.closer'] })).toBe(true);
    expect(isIgnored(leak(task('merge.closer')), { ...none, tasks: ['main/merge.*'] })).toBe(true);
    expect(isIgnored(leak(task('closer'), task('worker')), { ...none, tasks: ['closer'] })).toBe(false);
    expect(isIgnored(leak(task('closer'), task('worker')), { ...none, topFunctions: ['src/pool.ts'] })).toBe(
      true,
    );
    expect(isIgnored(leak(task('worker', null)), { ...none, topFunctions: ['src/*.ts'] })).toBe(false);
    expect(isIgnored(leak(task('worker')), { ...none, topFunctions: ['work?r'] })).toBe(true);
    expect(isIgnored({ ...leak(task('closer')), kind: 'deadlock' }, { ...none, tasks: ['*'] })).toBe(false);
  });

  it('should read globs literally apart from * and ?', () => {
    expect(glob('a.b*').test('a.bc')).toBe(true);
    expect(glob('a.b*').test('axb')).toBe(false);
    expect(glob('(x)+').test('(x)+')).toBe(true);
  });
});

describe('baseline', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'interleave-baseline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should keep what is stable across schedules in the identity, and drop counts and ids', () => {
    expect(normalizeMessage('leak: 2 tasks blocked forever after main returned')).toBe(
      normalizeMessage('leak: 1 task blocked forever after main returned'),
    );
    expect(normalizeMessage('livelock: exceeded maxSteps (10000) in run 17')).toBe(
      'livelock: exceeded maxSteps (N) in run N',
    );
    expect(normalizeMessage('panic: send on closed channel')).toBe('panic: send on closed channel');
  });

  it('should replace the entries of the programs explored, keep the others and the notes, sorted', () => {
    const e = (file: string, kind: string, note?: string) => ({
      file,
      export: 'main',
      kind,
      message: 'm',
      ...(note ? { note } : {}),
    });
    const old = {
      version: 1,
      findings: [e('b.ts', 'leak', 'known, issue #12'), e('a.ts', 'panic'), e('c.ts', 'leak')],
    };
    const next = updateBaseline(old, new Set(['b.ts#main', 'a.ts#main']), [
      e('b.ts', 'leak'),
      e('b.ts', 'deadlock'),
    ]);
    expect(next.findings).toEqual([
      e('b.ts', 'deadlock'),
      e('b.ts', 'leak', 'known, issue #12'),
      e('c.ts', 'leak'),
    ]);
  });

  it('should refuse a missing or corrupt baseline with what to do', () => {
    expect(() => readBaseline(dir, 'none.json', false)).toThrow(
      'no such baseline file: none.json (create it with --update-baseline)',
    );
    expect(readBaseline(dir, 'none.json', true).findings).toEqual([]);
    writeFileSync(path.join(dir, 'bad.json'), '{"version":1,"findings":[{"file":1}]}');
    expect(() => readBaseline(dir, 'bad.json', false)).toThrow('corrupt baseline bad.json: entry 1 lacks');
  });
});

describe('progress', () => {
  const stream = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, isTTY, columns: 60, write: (s: string) => out.push(s) > 0 };
  };

  it('should be interactive only on a terminal outside CI', () => {
    expect(interactive(stream(true), {})).toBe(true);
    expect(interactive(stream(true), { CI: 'true' })).toBe(false);
    expect(interactive(stream(false), {})).toBe(false);
  });

  it('should print plain lines when not interactive', () => {
    const s = stream(false);
    const p = new PlainProgress(s);
    p.start();
    p.update();
    p.done('k', 'a.ts#main: clean (5 runs)');
    expect(s.out.join('')).toBe('interleave: a.ts#main: clean (5 runs)\n');
  });

  it('should redraw one line per program in place on a terminal', () => {
    const s = stream(true);
    const p = new BarProgress(s, { total: 10, budgetMs: null }, () => 0);
    p.start('a', 'a.ts#main');
    p.start('b', 'b.ts#main');
    p.update('a', 5);
    p.done('a', 'a.ts#main: clean (10 runs)');
    p.end();
    expect(s.out[2]).toBe(
      '\x1b[2A\r\x1b[J  [##########..........] 5/10 runs  a.ts#main\n  [....................] 0/10 runs  b.ts#main\n',
    );
    expect(s.out[3]).toBe(
      '\x1b[2A\r\x1b[Jinterleave: a.ts#main: clean (10 runs)\n  [....................] 0/10 runs  b.ts#main\n',
    );
    expect(s.out[4]).toBe('\x1b[1A\r\x1b[J');
  });
});
