import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { version } from '../../src/cli/main.js';
import { COMMANDS } from '../../src/cli/usage.js';
import { runMain, type Outcome } from './in-process.js';
import { fixture, ROOT } from './run.js';

/* The command line in this process (in-process.ts); the process boundary itself is check.test.ts's. */
const run = (...argv: string[]): Promise<Outcome> => runMain(argv);

afterEach(() => vi.restoreAllMocks());

const count = (text: string, line: string): number => text.split(line).length - 1;

describe('interleave --version', () => {
  it("should print package.json's version and exit 0", async () => {
    const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string };
    expect(version()).toBe(pkg.version);
    expect(await run('--version')).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('interleave <command> --help', () => {
  it.each(COMMANDS.flatMap((c) => [[c, '--help'] as const, [c, '-h'] as const]))(
    'should print the help of %s for %s on stdout and exit 0',
    async (command, flag) => {
      const r = await run(command, flag);
      expect(r).toMatchObject({ status: 0, stderr: '' });
      expect(r.stdout).toMatch(new RegExp(`^Usage:\\n  interleave ${command} `));
      // One command's help, not the whole text.
      const others = COMMANDS.filter((c) => c !== command && c !== 'help');
      for (const c of others) expect(r.stdout).not.toContain(`  interleave ${c} `);
    },
  );

  it('should print the help asked for among other arguments, and by `help <command>`', async () => {
    const check = await run('check', 'a.ts', '--runs', '5', '--help');
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('--verbose');
    expect((await run('help', 'check')).stdout).toBe(check.stdout);
    expect((await run('report', 'x.trace.json', '-o', 'out.html', '-h')).stdout).toMatch(
      /^Usage:\n {2}interleave report /,
    );
    const whole = await run('--help');
    expect(whole.stdout).toMatch(/^interleave: explore the interleavings/);
    for (const c of COMMANDS) expect(whole.stdout).toContain(`  interleave ${c} `);
  });

  it('should refuse help on something that is not a command', async () => {
    const r = await run('help', 'frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      "interleave: help takes one command (check, replay, explain, report, help), got 'frobnicate'",
    );
  });
});

describe('numbers on the command line', () => {
  const clean = fixture('clean.ts');
  it.each([
    [['check', clean, '--runs', '-5'], "--runs must be an integer ≥ 1, got '-5'"],
    [['check', clean, '--runs', 'abc'], "--runs must be an integer ≥ 1, got 'abc'"],
    [['check', clean, '--runs', '1.5'], "--runs must be an integer ≥ 1, got '1.5'"],
    [['check', clean, '--seed', 'x'], "--seed must be an integer ≥ 0, got 'x'"],
    [['check', clean, '--seed', '-1'], "--seed must be an integer ≥ 0, got '-1'"],
    [['check', clean, '--workers', '-1'], "--workers must be an integer ≥ 1, got '-1'"],
    [['check', clean, '--timeout', '-3'], "--timeout must be a positive number of seconds, got '-3'"],
    [['check', clean, '--budget', '-5'], "got '-5'"],
    [['check', clean, '--runs', '-.5'], "--runs must be an integer ≥ 1, got '-.5'"],
    [['replay', 'il1.x', '--break-at', '-2'], "--break-at must be an integer ≥ 1, got '-2'"],
    [['replay', 'il1.x', '--timeout', '-3'], "--timeout must be a positive number of seconds, got '-3'"],
    [['explain', 'il1.x', '--timeout', '-3'], "--timeout must be a positive number of seconds, got '-3'"],
  ])('should refuse %j in one line naming the option and the value, exit 2', async (argv, message) => {
    const r = await run(...argv);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const [first, hint, ...more] = r.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^interleave: --[a-z-]+ must be /);
    expect(first).toContain(message);
    expect(hint).toMatch(/^usage: interleave /);
    expect(more).toEqual([]);
  });

  it('should refuse a negative --timeout of report the same way, naming the value', async () => {
    const r = await run('report', 'il1.x', '--timeout', '-3');
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      "interleave report: --timeout must be a positive number of seconds, got '-3'",
    );
  });
});

describe("a program's console output under check", () => {
  const greet = `${fixture('chatty.ts')}#greet`;

  it('should not be printed once per run: it is shown with a finding, in its interleaving', async () => {
    const r = await run('check', fixture('chatty.ts'), '--runs', '5');
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('hello from');
    expect(count(r.stdout, 'hello from greet')).toBe(0);
    expect(count(r.stdout, 'console.log: hello from stuck')).toBe(1);
    expect(r.stdout).toContain('ok    test/cli/fixtures/chatty.ts#greet (5 runs)');
  });

  it('should be printed in every run with --verbose', async () => {
    const r = await run('check', greet, '--runs', '5', '--verbose');
    expect(r.status).toBe(0);
    expect(count(r.stderr, 'hello from greet\n')).toBe(5);
    expect(r.stdout).not.toContain('hello from greet');
  });

  it('should note a late continuation of a finished run only with --verbose', async () => {
    const note =
      'interleave: test/cli/fixtures/late.ts#main: note: a task of a finished run (run 0) called yield';
    const quiet = await run('check', fixture('late.ts'));
    expect(quiet.stderr).not.toContain('finished run');
    const verbose = await run('check', fixture('late.ts'), '--verbose');
    expect(count(verbose.stderr, note)).toBe(1);
    expect(verbose.stdout).toBe(quiet.stdout);
  });

  it('should leave --json one JSON object on stdout', async () => {
    const r = await run('check', fixture('chatty.ts'), '--runs', '5', '--json');
    const doc = JSON.parse(r.stdout) as { programs: { name: string; findings: { kind: string }[] }[] };
    expect(doc.programs.map((p) => [p.name, p.findings.map((f) => f.kind)])).toEqual([
      ['greet', []],
      ['stuck', ['deadlock']],
    ]);
    expect(r.stderr).not.toContain('hello from');
  });
});
