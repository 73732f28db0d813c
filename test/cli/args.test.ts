import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { findSources } from '../../src/cli/files.js';
import { traceFileName } from '../../src/cli/output.js';

describe('parseCommand', () => {
  it('should read check with every option, passing on only the options given', () => {
    expect(parseCommand(['check', 'a.ts', 'dir', '--runs', '5', '--seed', '0', '--mode', 'program'])).toEqual(
      {
        name: 'check',
        paths: ['a.ts', 'dir'],
        overrides: { runs: 5, seed: 0, mode: 'program' },
        json: false,
        timeoutMs: 60_000,
        reporter: 'text',
        junitFile: 'reports/junit.xml',
        reportsDir: 'reports',
        baseline: null,
        updateBaseline: false,
        ignore: { tasks: [], topFunctions: [] },
        budgetMs: null,
        shard: null,
        workers: null,
        checkpoint: null,
        verbose: false,
        allowEmpty: false,
      },
    );
    expect(
      parseCommand(['check', 'a.ts', '--json', '--strategy', 'random', '--timeout', '0.5']),
    ).toMatchObject({
      overrides: { strategy: 'random' },
      json: true,
      timeoutMs: 500,
    });
  });

  it('should read replay and help', () => {
    expect(parseCommand(['replay', 'il1.x', '--continue'])).toEqual({
      name: 'replay',
      input: 'il1.x',
      cont: true,
      timeoutMs: 60_000,
      breakAt: null,
      allowOutsideRoot: false,
    });
    for (const h of [[], ['help'], ['--help'], ['-h']]) expect(parseCommand(h)).toEqual({ name: 'help' });
  });

  it("should read --version, a command's --help wherever it stands, and --verbose", () => {
    expect(parseCommand(['--version'])).toEqual({ name: 'version' });
    expect(parseCommand(['replay', 'il1.x', '-h'])).toEqual({ name: 'help', topic: 'replay' });
    expect(parseCommand(['check', '--bogus', '--help'])).toEqual({ name: 'help', topic: 'check' });
    expect(parseCommand(['help', 'explain'])).toEqual({ name: 'help', topic: 'explain' });
    expect(parseCommand(['help', '--help'])).toEqual({ name: 'help', topic: 'help' });
    expect(parseCommand(['check', 'a.ts', '--verbose'])).toMatchObject({ verbose: true });
  });

  it('should take a negative number as the value of the option before it, then refuse it as any bad value', () => {
    const refusal = (argv: string[]): string => {
      try {
        parseCommand(argv);
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refusal(['check', 'a.ts', '--runs', '-5'])).toBe("--runs must be an integer ≥ 1, got '-5'");
    expect(refusal(['check', 'a.ts', '--seed=-5'])).toBe("--seed must be an integer ≥ 0, got '-5'");
    expect(refusal(['check', '--timeout', '-0.5', 'a.ts'])).toBe(
      "--timeout must be a positive number of seconds, got '-0.5'",
    );
    // Not a number: an option, as before.
    expect(refusal(['check', 'a.ts', '--runs', '-x'])).toBe(
      "option '--runs' needs a value, got another option after it; for a value that starts with '-', write --runs=VALUE",
    );
    // After `--`, everything is a path.
    expect(parseCommand(['check', '--runs', '2', '--', '-5'])).toMatchObject({
      paths: ['-5'],
      overrides: { runs: 2 },
    });
  });

  it('should read the CI gate options of check', () => {
    expect(
      parseCommand([
        'check',
        'a.ts',
        '--reporter',
        'junit',
        '--junit-file',
        'out/j.xml',
        '--baseline',
        'interleave.baseline.json',
        '--ignore-task',
        'merge.closer',
        '--ignore-task',
        'main/w*',
        '--ignore-top-function',
        'src/pool.ts',
        '--budget',
        '30s',
        '--shard',
        '2/4',
        '--workers',
        '3',
      ]),
    ).toMatchObject({
      reporter: 'junit',
      junitFile: 'out/j.xml',
      baseline: 'interleave.baseline.json',
      updateBaseline: false,
      ignore: { tasks: ['merge.closer', 'main/w*'], topFunctions: ['src/pool.ts'] },
      budgetMs: 30_000,
      shard: { index: 2, count: 4 },
      workers: 3,
    });
    expect(parseCommand(['check', 'a.ts', '--checkpoint', 'ci/search.json'])).toMatchObject({
      checkpoint: 'ci/search.json',
    });
    expect(parseCommand(['check', 'a.ts', '--reports-dir', 'out/traces/'])).toMatchObject({
      reportsDir: 'out/traces/',
    });
    expect(parseCommand(['check', 'a.ts', '--update-baseline'])).toMatchObject({
      baseline: 'interleave.baseline.json',
      updateBaseline: true,
    });
    expect(parseCommand(['check', 'a.ts', '--budget', '7'])).toMatchObject({
      overrides: { runs: 7 },
      budgetMs: null,
    });
    expect(parseCommand(['check', 'a.ts', '--budget', '2m'])).toMatchObject({ budgetMs: 120_000 });
    expect(parseCommand(['check', 'a.ts', '--baseline', 'b.json'])).toMatchObject({
      baseline: 'b.json',
      updateBaseline: false,
    });
    expect(parseCommand(['replay', 't.json', '--break-at', '3'])).toMatchObject({ breakAt: 3 });
    expect(parseCommand(['explain', 'il1.x'])).toEqual({
      name: 'explain',
      input: 'il1.x',
      timeoutMs: 60_000,
      allowOutsideRoot: false,
    });
  });

  it.each([
    [['check', 'a.ts', '--budget', '5', '--runs', '5'], '--budget and --runs both set how much to explore'],
    [
      ['check', 'a.ts', '--budget', 'soon'],
      "--budget must be a number of schedules (500) or a time per program (30s, 2m), got 'soon'",
    ],
    [['check', 'a.ts', '--budget', '0s'], '--budget must be'],
    [['check', 'a.ts', '--shard', '3/2'], "--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got '3/2'"],
    [['check', 'a.ts', '--shard', '0/2'], '--shard must be i/n'],
    [['check', 'a.ts', '--workers', '0'], '--workers'],
    [['check', 'a.ts', '--update-baseline', '--shard', '1/2'], 'update the baseline from an unsharded run'],
    [['check', 'a.ts', '--checkpoint', 'c.json', '--shard', '1/2'], '--checkpoint with --shard'],
    [['check', 'a.ts', '--reporter', 'xml'], "--reporter must be 'text' or 'junit', got 'xml'"],
    [['check', 'a.ts', '--junit-file', 'x.xml'], '--junit-file needs --reporter junit'],
    [['check', 'a.ts', '--baseline', 'reports/b.json'], 'cannot live under reports/'],
    [['check', 'a.ts', '--ignore-task', ''], '--ignore-task needs a task name or glob'],
    [['replay', 't.json', '--break-at', '0'], "--break-at must be an integer ≥ 1, got '0'"],
    [['replay', 't.json', '--break-at', 'x'], "--break-at must be an integer ≥ 1, got 'x'"],
    [['explain'], 'explain takes one trace file or replay string, got 0'],
  ])('should refuse %j', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(message);
  });

  it.each([
    [['check', 'a.ts', '--seed=-1'], "--seed must be an integer ≥ 0, got '-1'"],
    [['check', 'a.ts', '--runs', '1.5'], "--runs must be an integer ≥ 1, got '1.5'"],
    [['check', 'a.ts', '--mode', 'prod'], "--mode must be 'test' or 'program', got 'prod'"],
    [['check', 'a.ts', '--timeout', '0'], "--timeout must be a positive number of seconds, got '0'"],
    [['check', 'a.ts', '--continue'], "unknown option '--continue'"],
    [['check', 'a.ts', '--runs'], "option '--runs <value>' argument missing"],
    [['replay'], 'replay takes one trace file or replay string, got 0'],
    [['replay', 'a', 'b'], 'replay takes one trace file or replay string, got 2'],
  ])('should refuse %j', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(message);
  });
});

describe('findSources', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'interleave-files-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const touch = (rel: string): void => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), '');
  };

  it('should search folders for sources, skipping tests, declarations, dotfiles and node_modules', () => {
    for (const f of ['src/b.ts', 'src/a.mts', 'src/c.js', 'src/deep/d.mjs', 'src/x.test.ts', 'src/y.spec.js'])
      touch(f);
    for (const f of [
      'src/types.d.ts',
      'src/notes.md',
      'src/.hidden.ts',
      'src/.dir/e.ts',
      'node_modules/m/f.ts',
    ]) {
      touch(f);
    }
    expect(findSources(['src', '.'], root)).toEqual(['src/a.mts', 'src/b.ts', 'src/c.js', 'src/deep/d.mjs']);
  });

  it('should take a file named explicitly as it is', () => {
    touch('one.test.ts');
    expect(findSources(['one.test.ts'], root)).toEqual(['one.test.ts']);
  });

  it('should refuse a path that does not exist', () => {
    expect(() => findSources(['nope'], root)).toThrow('no such file or folder: nope');
  });
});

describe('traceFileName', () => {
  it('should name trace files deterministically from the program and the kind', () => {
    expect(traceFileName('examples/seed/tee.ts', 'main', 'deadlock')).toBe(
      'reports/examples-seed-tee.ts.main.deadlock.trace.json',
    );
    expect(traceFileName('a.ts', 'p', 'leak', 2)).toBe('reports/a.ts.p.leak.2.trace.json');
  });
});
