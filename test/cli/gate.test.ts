import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Baseline } from '../../src/cli/baseline.js';
import type { CheckpointEntry } from '../../src/cli/checkpoint.js';
import { SPLIT_MIN_RUNS } from '../../src/cli/split.js';
import { cli, cliWith, fixture, parseReport, ROOT } from './run.js';

/* The CI gate: JUnit XML, the baseline, leak filters, budgets, shards and plain progress lines. */

const dir = mkdtempSync(path.join(tmpdir(), 'interleave-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('check --reporter junit', () => {
  const FILES = [fixture('deadlock.ts'), fixture('escape.ts')];
  const junit = (name: string) => {
    const r = cli(
      'check',
      ...FILES,
      '--runs',
      '20',
      '--seed',
      '7',
      '--reporter',
      'junit',
      '--junit-file',
      `reports/${name}`,
    );
    return { r, xml: readFileSync(path.join(ROOT, 'reports', name), 'utf8') };
  };

  it('should write one testcase per program, a failure per finding, the same bytes every time', () => {
    const a = junit('gate-a.xml');
    const b = junit('gate-b.xml');
    expect(a.r.status).toBe(1);
    expect(b.xml).toBe(a.xml);
    expect(a.r.stderr).toContain('interleave: wrote reports/gate-a.xml');
    const { xml } = a;
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="interleave" tests="2" failures="2" errors="0">\n/,
    );
    expect(xml).toContain(
      '<testsuite name="test/cli/fixtures/deadlock.ts" tests="1" failures="1" errors="0" skipped="0">',
    );
    expect(xml).toContain('<testcase classname="test/cli/fixtures/escape.ts" name="throws">');
    expect(xml).toContain(
      '<failure type="deadlock" message="fatal error: all goroutines are asleep - deadlock!">fatal error: all goroutines are asleep - deadlock!\nevery task is blocked',
    );
    expect(xml).toMatch(
      /replay: npx interleave replay 'il1\.[A-Za-z0-9_-]+'\ntrace: {2}reports\/test-cli-fixtures-deadlock\.ts\.main\.deadlock\.trace\.json<\/failure>/,
    );
    expect(xml).not.toMatch(/timestamp|time=|hostname/);
    // Escaped: the panic message carries < > & " ' and a control character.
    expect(xml).toContain(
      'message="panic: bad &lt;input&gt; &amp; &quot;quotes&quot; \uFFFD &apos;here&apos;"',
    );
    expect(xml).not.toContain('\u0001');
    const text = xml.replace(/<\/?[a-z-]+(?: [a-z-]+="[^"<>]*")*\s*\/?>|<\?xml[^>]*\?>/g, '');
    expect(text).not.toMatch(/[<>]|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
    // Balanced tags.
    for (const tag of ['testsuites', 'testsuite', 'testcase', 'failure', 'system-out']) {
      const open = xml.match(new RegExp(`<${tag}[ >]`, 'g'))?.length ?? 0;
      expect(xml.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0).toBe(open);
    }
  });
});

describe('check --baseline', () => {
  const baseline = path.join(dir, 'interleave.baseline.json');
  const FILES = [fixture('leak.ts')];

  it('should write the findings, pass on them with another seed, and fail once an entry is removed', () => {
    const update = cli(
      'check',
      ...FILES,
      '--runs',
      '20',
      '--seed',
      '7',
      '--baseline',
      baseline,
      '--update-baseline',
    );
    expect(update.status).toBe(0);
    expect(update.stdout).toContain(`baseline: wrote ${baseline}; review the change and commit it`);
    const written = readFileSync(baseline, 'utf8');
    expect(JSON.parse(written)).toEqual({
      version: 1,
      findings: [
        {
          file: 'test/cli/fixtures/leak.ts',
          export: 'firstOfTwo',
          kind: 'leak',
          message: 'leak: N task(s) blocked forever after main returned',
        },
      ],
    });
    expect(written).toBe(JSON.stringify(JSON.parse(written), null, 2) + '\n');

    // Another seed finds them by other schedules (and maybe another leaked task): still baselined.
    const again = cli('check', ...FILES, '--runs', '20', '--seed', '3', '--baseline', baseline);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('base  test/cli/fixtures/leak.ts#firstOfTwo: leak (baselined)');
    expect(again.stdout).toContain('1 program in 1 file: 1 clean; 1 baselined finding (not failing)');

    // Remove the leak's entry, add one that no longer happens: the leak fails, the extra is stale.
    const doc = JSON.parse(written) as Baseline;
    const edited: Baseline = {
      ...doc,
      findings: [
        { file: 'test/cli/fixtures/leak.ts', export: 'firstOfTwo', kind: 'panic', message: 'panic: gone' },
        ...doc.findings.slice(1),
      ],
    };
    writeFileSync(baseline, JSON.stringify(edited));
    const fails = cli('check', ...FILES, '--runs', '20', '--seed', '7', '--baseline', baseline);
    expect(fails.status).toBe(1);
    expect(fails.stdout).toContain('FAIL  test/cli/fixtures/leak.ts#firstOfTwo: leak');
    expect(fails.stdout).toContain(
      `note: 1 baseline entry of ${baseline} no longer found (stale):\n  test/cli/fixtures/leak.ts#firstOfTwo: panic: panic: gone`,
    );
  });
});

describe('leak filters', () => {
  const check = (...args: string[]) => cli('check', fixture('closer.ts'), '--runs', '5', ...args);

  it('should drop a leak whose tasks all match and keep one that does not (matching is unit-tested)', () => {
    const byName = check('--ignore-task', 'clo*');
    expect(byName.status).toBe(0);
    expect(byName.stdout).toContain(
      'ok    test/cli/fixtures/closer.ts#background (5 runs; 1 leak ignored by the leak filters)',
    );
    const other = check('--ignore-task', 'merge.closer', '--ignore-top-function', 'other');
    expect(other.status).toBe(1);
    expect(other.stdout).toContain('FAIL  test/cli/fixtures/closer.ts#background: leak');
  });
});

describe('check --budget and --shard', () => {
  it('should explore for --budget 1s and print the run count that reproduces it, as plain lines in CI', () => {
    const timed = cliWith({ CI: 'true' }, 'check', fixture('clean.ts'), '--budget', '1s', '--json');
    expect(timed.status).toBe(0);
    const p = parseReport(timed.stdout).programs[0]!;
    expect(p.reproduce).toBe(`--runs ${p.runs} --seed 1`);
    expect(timed.stderr).toContain(
      `interleave: test/cli/fixtures/clean.ts#pingPong: clean (${p.runs} runs in 1 s; reproduce with --runs ${p.runs} --seed 1)`,
    );
    // CI: plain lines only, no cursor movement or carriage returns.
    expect(timed.stderr).not.toMatch(/[\r\u001b]/);
    for (const line of timed.stderr.trim().split('\n')) expect(line).toMatch(/^interleave: /);
  });

  it("should split every program's runs into disjoint shards whose findings together are one machine's", () => {
    const args = [fixture('rare.ts'), '--seed', '5', '--json'];
    const parse = (stdout: string) => parseReport(stdout).programs;
    const whole = parse(cli('check', ...args).stdout);
    const shards = [1, 2, 3].map((i) => parse(cli('check', ...args, '--shard', `${i}/3`).stdout));
    // Every shard explores both programs (sorted: exhaustive, finishOrder).
    for (const s of shards) expect(s.map((p) => p.name)).toEqual(['exhaustive', 'finishOrder']);
    const rare = whole.find((p) => p.name === 'finishOrder')!;
    expect(rare.findings.map((f) => f.message)).toEqual(['panic: reversed']);
    // The whole's finding is the one with the lowest run among the shards' (its replay says which).
    const found = shards
      .map((s) => s.find((p) => p.name === 'finishOrder')!)
      .filter((p) => p.findings.length > 0);
    expect(found.map((p) => p.findings[0]!.replay)).toContain(rare.findings[0]!.replay);
    // The dfs program's tree is split among the shards: together, the whole search.
    const dfsRuns = shards.map((s) => s.find((p) => p.name === 'exhaustive')!.runs);
    expect(dfsRuns.every((n) => n > 0)).toBe(true);
    expect(dfsRuns.reduce((a, b) => a + b, 0)).toBe(whole.find((p) => p.name === 'exhaustive')!.runs);
  });

  it("should split a long exploration among worker threads and print the very bytes of one thread's", () => {
    // Enough runs to split (on 2 cores or more); the program fails early, so each part stops soon
    // after its first finding.
    const runs = String(SPLIT_MIN_RUNS);
    const args = [fixture('rare.ts') + '#finishOrder', '--runs', runs, '--seed', '9', '--json'];
    const one = cli('check', ...args, '--workers', '1');
    const two = cli('check', ...args, '--workers', '2');
    expect(one.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toMatch(/finishOrder \(part 2\/2\)|finishOrder: panic/);
  });
});

describe('check --checkpoint', () => {
  it('should go on with a dfs search job after job, and say when it is complete', () => {
    const file = path.join('reports', `checkpoint-${process.pid}.json`);
    const abs = path.join(ROOT, file);
    rmSync(abs, { force: true });
    try {
      const job = () => cli('check', fixture('search.ts'), '--runs', '300', '--checkpoint', file, '--json');
      const runs: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = job();
        expect(r.status, r.stderr).toBe(0);
        runs.push(parseReport(r.stdout).programs[0]!.runs);
      }
      // 772 schedules in all: 300 + 300 + 172, then nothing left.
      expect(runs).toEqual([300, 300, 172, 0]);
      const saved = JSON.parse(readFileSync(abs, 'utf8')) as { programs: Record<string, CheckpointEntry> };
      expect(saved.programs['test/cli/fixtures/search.ts#twoTasks']).toMatchObject({
        strategy: 'dfs',
        frontier: null,
        complete: true,
        runs: 772,
      });
      const whole = cli('check', fixture('search.ts'), '--runs', '100000', '--json');
      expect(parseReport(whole.stdout).programs[0]!.runs).toBe(772);

      // dpor too (through the CLI: its step log must reach it, or it stops after one run).
      rmSync(abs, { force: true });
      const dpor = () =>
        cli(
          'check',
          fixture('search.ts'),
          '--strategy',
          'dpor',
          '--runs',
          '4',
          '--checkpoint',
          file,
          '--json',
        );
      const dporRuns = [0, 1, 2, 3].map(() => parseReport(dpor().stdout).programs[0]!.runs);
      expect(dporRuns).toEqual([4, 4, 2, 0]);
      const dporWhole = cli('check', fixture('search.ts'), '--strategy', 'dpor', '--runs', '1000', '--json');
      expect(parseReport(dporWhole.stdout).programs[0]!.runs).toBe(10);

      writeFileSync(abs, '{"programs": {}}');
      const corrupt = job();
      expect(corrupt.status).toBe(2);
      expect(corrupt.stderr).toContain(
        `${file} is not an interleave checkpoint (no "interleaveCheckpoint" version field)`,
      );
      expect(corrupt.stderr).toContain('delete it to start the searches over');
    } finally {
      rmSync(abs, { force: true });
    }
  });
});
