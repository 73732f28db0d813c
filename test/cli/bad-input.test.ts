import { deflateRawSync } from 'node:zlib';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { renderFinding } from '../../src/report/finding.js';
import { explain } from '../../src/report/explain.js';
import type { Finding } from '../../src/checker/findings.js';
import { runMain, type Outcome } from './in-process.js';
import { fixture, ROOT } from './run.js';

/*
 * Bad input at the edge (issue 14): each case one clear line on stderr, exit 2, no stack trace, no
 * hang; the program path a trace names stays inside the project; terminal output escapes what a
 * program controls; a check of nothing does not pass. In this process: `main(argv, root)`.
 */
const run = (argv: string[], root = ROOT): Promise<Outcome> => runMain(argv, root);
afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(path.join(tmpdir(), 'interleave-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const encode = (o: unknown): string =>
  `il1.${deflateRawSync(Buffer.from(JSON.stringify(o))).toString('base64url')}`;
const recipe = (over: Record<string, unknown>): string =>
  encode({ v: 1, p: [fixture('clean.ts'), 'pingPong'], o: [10000, 1000, 'test', 1], r: 0, c: [], ...over });

/** Exit 2, and the first line of stderr is the refusal (maybe followed by the usage hint), no stack. */
function refused(r: { status: number; stderr: string }, pattern: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  const lines = r.stderr.split('\n').filter((l) => l && !l.startsWith('usage: '));
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

const trace = (over: Record<string, unknown>): string =>
  JSON.stringify({
    format: 'interleave-trace',
    version: 1,
    program: { file: fixture('deadlock.ts'), export: 'main' },
    options: { maxSteps: 100, graceSteps: 10, mode: 'test', seed: 1 },
    strategy: { name: 'random', params: {} },
    run: 0,
    choices: [],
    events: [{ step: 1, task: 1, event: 'TaskBlocked', obj: 'chan#1', detail: 'chan receive', site: null }],
    finding: {
      kind: 'deadlock',
      message: 'fatal error: all goroutines are asleep - deadlock!',
      summary: 's',
      tasks: [],
      task: null,
      stack: null,
      step: 1,
    },
    ...over,
  });
let n = 0;
const traceFile = (text: string): string => {
  const f = path.join(dir, `t${n++}.trace.json`);
  writeFileSync(f, text);
  return f;
};

describe('replay, explain and report on bad input', () => {
  it.each(['replay', 'explain', 'report'])("should refuse '' and a folder for %s", async (cmd) => {
    refused(await run([cmd, '']), /empty argument; give a trace file/);
    refused(
      await run([cmd, 'src']),
      /^interleave( report)?: src is a folder, not a trace file; give a trace file/,
    );
  });

  it('should refuse a FIFO and /dev/zero without reading them', async () => {
    const fifo = path.join(dir, 'fifo');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [fifo]);
    refused(await run(['replay', fifo]), /is not a regular file \(a FIFO, a device or a socket\)/);
    refused(await run(['explain', '/dev/zero']), /is not a regular file/);
  });

  it.each([
    ['a string', 'x'],
    ['a list', ['a', 'b', 'c']],
    ['an object', { file: 3 }],
    ['true', true],
    ['42', 42],
  ])('should refuse a trace whose program is %s, naming the field', async (_, program) => {
    refused(await run(['replay', traceFile(trace({ program }))]), /corrupt trace file .*: program/);
  });

  it('should refuse a finding without tasks, malformed events, a missing version', async () => {
    const noTasks = trace({ finding: { kind: 'deadlock', message: 'm', step: 1 } });
    refused(await run(['explain', traceFile(noTasks)]), /finding\.tasks should be a list, got nothing/);
    refused(
      await run(['report', traceFile(trace({ events: [{}, 3] }))]),
      /events\[0\]\.step should be an integer/,
    );
    refused(
      await run(['replay', traceFile(trace({ version: undefined }))]),
      /has format version missing or not a number; this interleave reads versions 1/,
    );
  });

  it.each(['toString', '__proto__', 'constructor'])('should refuse a choice kind %s', async (kind) => {
    refused(
      await run(['replay', recipe({ c: [[0, kind, 'main']] })]),
      /c\[0\] kind should be one of t, c, m/,
    );
    const file = traceFile(trace({ choices: [{ step: 0, kind, id: 'main' }] }));
    refused(await run(['replay', file]), /choices\[0\]\.kind should be one of task, case, timer/);
  });

  it('should refuse a replay string that expands to millions of choices, at once', async () => {
    const bomb = recipe({ c: Array.from({ length: 3_000_000 }, () => [0, 't', 'main']) });
    expect(bomb.length).toBeLessThan(200_000);
    refused(await run(['replay', bomb]), /replay string too large: it expands past 16 MB/);
  });
});

describe('numbers on the command line', () => {
  it.each([
    [['check', fixture('clean.ts'), '--timeout', '3000000'], /--timeout must be at most 2147483 seconds/],
    [['check', fixture('clean.ts'), '--timeout', '0.0001'], /--timeout must be at least 0.1 seconds/],
    [['replay', 'il1.x', '--timeout', '0.0001'], /--timeout must be at least 0.1 seconds/],
    [['check', fixture('clean.ts'), '--workers', '9007199254740991'], /--workers must be at most 256/],
    [['check', fixture('clean.ts'), '--budget', '1e400s'], /--budget must be/],
    [['check', fixture('clean.ts'), '--budget', '99999999999m'], /--budget must be at most 2147483s/],
    [['check', fixture('clean.ts'), '--shard', '1/99999999999999999999'], /--shard must be i\/n/],
  ])('should refuse %j in one line', async (argv, pattern) => {
    refused(await run(argv), pattern);
  });
});

describe('files that cannot be written', () => {
  it('should refuse --junit-file naming a folder before exploring', async () => {
    const r = await run(['check', fixture('clean.ts'), '--reporter', 'junit', '--junit-file', 'src']);
    refused(r, /--junit-file src is a folder; name a file/);
  });

  it('should still print the finding when reports/ is a file, then exit 2 and leave no temp file', async () => {
    const root = mkdtempSync(path.join(dir, 'root-'));
    writeFileSync(path.join(root, 'reports'), 'not a folder\n');
    const r = await run(['check', path.join(ROOT, fixture('deadlock.ts')), '--runs', '5'], root);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('FAIL');
    expect(r.stdout).toContain('fatal error: all goroutines are asleep - deadlock!');
    expect(r.stderr, r.stderr).toMatch(
      /interleave: cannot write reports\/.*: .*reports is a file, not a folder/,
    );
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(root)).toEqual(['reports']);
  });

  it('should refuse report -o naming a folder, and leave no temp file', async () => {
    const out = mkdtempSync(path.join(dir, 'out-'));
    refused(await run(['report', traceFile(trace({})), '-o', out]), /--out .* is a folder; name a file/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('should refuse a checkpoint or baseline that is a folder, a FIFO or corrupt, naming the field', async () => {
    refused(await run(['check', fixture('clean.ts'), '--checkpoint', 'src']), /--checkpoint src is a folder/);
    const cp = path.join(dir, 'cp.json');
    writeFileSync(cp, JSON.stringify({ interleaveCheckpoint: 1, programs: { 'a#b': { strategy: 'dfs' } } }));
    refused(
      await run(['check', fixture('clean.ts'), '--strategy', 'dfs', '--checkpoint', cp]),
      /the entry for a#b should be \{ strategy: string, frontier: string or null/,
    );
    const bl = path.join(dir, 'bl.json');
    writeFileSync(bl, JSON.stringify({ version: 1, findings: [{ file: 'a', export: 'b', kind: 'leak' }] }));
    refused(
      await run(['check', fixture('clean.ts'), '--baseline', bl]),
      /entry 1 lacks file, export, kind or message/,
    );
  });
});

describe('security', () => {
  it('should refuse to run a program a trace names outside the project root, unless --allow-outside-root', async () => {
    const outside = path.join(dir, 'evil.mjs');
    writeFileSync(outside, 'globalThis.evilRan = true; export const main = 1;\n');
    const s = recipe({ p: [outside, 'main'] });
    for (const cmd of ['replay', 'explain', 'report']) {
      refused(
        await run([cmd, s]),
        /refusing to run .*evil\.mjs#main: .*outside the project root .*--allow-outside-root/,
      );
    }
    refused(
      await run(['replay', recipe({ p: ['../../../../etc/passwd', 'x'] })]),
      /outside the project root/,
    );
    // With the flag it is loaded (and found to have no program, in the worker).
    const r = await run(['replay', s, '--allow-outside-root']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/its export 'main' is not a program/);
  });

  const hostile: Finding = {
    kind: 'deadlock',
    message: 'fatal error: all goroutines are asleep - deadlock!',
    summary: 'every task is blocked',
    tasks: [
      {
        id: 2,
        name: 'evil\x1b[2J\x1b]0;pwned\x07\nfake line',
        stableId: 'main/evil',
        state: 'blocked',
        waitReason: 'chan receive\r',
        site: 'a.ts:1',
        spawnSite: 'a.ts:2',
        parent: 1,
        parentName: 'main\x1b[31m',
      },
    ],
    task: null,
    stack: null,
    step: 3,
  };
  const events = [
    { step: 1, task: 2, event: 'ChanSent', obj: 'chan#1', detail: '"\x1b[2J"', site: null },
    { step: 2, task: 2, event: 'ConsoleLogged', obj: 'log', detail: 'two\nlines \x1b]0;t\x07', site: null },
  ];

  it('should escape control characters in the terminal report and the explanation', () => {
    const text = renderFinding({ finding: hostile, trace: { events }, replay: null, traceFile: null });
    const told = explain({ program: null, events, finding: hostile });
    for (const out of [text, told]) {
      expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      expect(out).not.toContain('\nfake line');
    }
    expect(text).toContain('goroutine 2 (evil\\e[2J\\e]0;pwned\\x07\\nfake line) [chan receive\\r]:');
  });
});

describe('the gate', () => {
  it('should exit 2 naming what was searched when there is no program, unless --allow-empty', async () => {
    const empty = mkdtempSync(path.join(dir, 'empty-'));
    refused(
      await run(['check', empty]),
      /no program files in .*empty-.* \(searched for \.ts, \.mts, \.js and \.mjs files.*--allow-empty/,
    );
    expect((await run(['check', empty, '--allow-empty'])).status).toBe(0);
    const tests = mkdtempSync(path.join(dir, 'tests-'));
    writeFileSync(path.join(tests, 'a.test.ts'), 'export {};\n');
    refused(await run(['check', tests]), /no program files in/);
    refused(await run(['check', 'package.json']), /package\.json is not a program file/);
    // Files, but no exported program in them.
    const r = await run(['check', 'src/report/style.ts']);
    refused(
      {
        status: r.status,
        stderr: r.stderr
          .split('\n')
          .filter((l) => !/checking|no exported program\(\.\.\.\)$/.test(l))
          .join('\n'),
      },
      /no exported program\(\.\.\.\) in src\/report\/style\.ts; export one/,
    );
    expect((await run(['check', 'src/report/style.ts', '--allow-empty'])).status).toBe(0);
  });

  it('should follow symlinked programs in a searched folder, and survive a symlink loop', async () => {
    const scratch = path.join(ROOT, 'test/cli/fixtures/.scratch-links');
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch);
    try {
      const linked = path.join(ROOT, 'test/cli/fixtures/linked');
      mkdirSync(linked, { recursive: true });
      symlinkSync(path.join(ROOT, fixture('clean.ts')), path.join(linked, 'clean-link.ts'));
      symlinkSync('.', path.join(linked, 'again')); // a loop back to this folder
      symlinkSync('self', path.join(linked, 'self')); // a link to itself
      try {
        const r = await run(['check', 'test/cli/fixtures/linked', '--runs', '2', '--json']);
        expect(r.status, r.stderr).toBe(0);
        const files = (JSON.parse(r.stdout) as { programs: { file: string }[] }).programs.map((p) => p.file);
        expect(files).toEqual(['test/cli/fixtures/linked/clean-link.ts']);
      } finally {
        rmSync(linked, { recursive: true, force: true });
      }
      const loop = path.join(scratch, 'loop');
      symlinkSync(loop, loop);
      refused(await run(['check', path.relative(ROOT, loop)]), /loop: a symlink loop/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    expect(existsSync(scratch)).toBe(false);
  });
});
