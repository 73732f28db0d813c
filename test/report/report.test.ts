import { describe, expect, it } from 'vitest';
import {
  colorStyle,
  plain,
  renderDump,
  renderFinding,
  renderFooter,
  renderInterleaving,
  renderVerdict,
} from '../../src/report/index.js';
import { deadlock, deadlockEvents, leak, leakEvents, panic, panicEvents } from './samples.js';

const REPLAY = 'il1.bcuxCgIxEEXRf3n1w0ws51eGFEsyQnDdlWQUQfx3USxtbnHhPHGHZuIKNYTPSHXt6dQfcRs';

describe('renderVerdict', () => {
  it("should give Go's words, then the one-line summary", () => {
    expect(renderVerdict(deadlock)).toBe(
      'fatal error: all goroutines are asleep - deadlock!\n' +
        'every task is blocked: task 1 (main) [chan receive] on chan#1; task 2 (sender) [chan send] on chan#2',
    );
  });

  it('should not repeat a summary that says the same as the message', () => {
    expect(renderVerdict({ message: 'panic: boom', summary: 'panic: boom' })).toBe('panic: boom');
  });
});

describe('renderDump', () => {
  it("should list tasks by id in Go's format, with their blocked line and who created them", () => {
    expect(renderDump(deadlock)).toBe(
      [
        'goroutine 1 (main) [chan receive]:',
        '\texamples/d1.ts:9',
        '',
        'goroutine 2 (sender) [chan send]:',
        '\texamples/d1.ts:7',
        'created by main (task 1) at examples/d1.ts:6',
      ].join('\n'),
    );
  });

  it('should put the panicking task first, as running, and the runnable ones as runnable', async () => {
    await expect(renderDump(panic)).toMatchFileSnapshot('./__snapshots__/dump-panic.txt');
  });

  it("should show the panicking task's recorded frames (where it threw), not the site it last yielded at", () => {
    const thrown = { ...panic, stack: 'check()\n\texamples/p.ts:11\nlate()\n\texamples/p.ts:10' };
    const dump = renderDump(thrown);
    expect(dump.split('\n\n')[0]).toBe(
      [
        'goroutine 3 (late) [running]:',
        'check()',
        '\texamples/p.ts:11',
        'late()',
        '\texamples/p.ts:10',
        'created by main (task 1) at examples/p.ts:8',
      ].join('\n'),
    );
    expect(dump).toContain('goroutine 2 (worker) [select]:\n\texamples/p.ts:5');
  });

  it('should fall back to the last site when the stack is not in frame form', () => {
    expect(renderDump(panic).split('\n')[1]).toBe('\texamples/p.ts:9');
  });

  it('should say when no site was recorded', () => {
    expect(renderDump(leak)).toBe(
      'goroutine 2 (worker) [chan send (nil chan)]:\n\t(no site recorded)\ncreated by task 1 at (no site recorded)',
    );
  });
});

describe('renderInterleaving', () => {
  it('should give one column per task and one row per event, marking switches and the blocked operations', async () => {
    await expect(renderInterleaving({ events: deadlockEvents, finding: deadlock })).toMatchFileSnapshot(
      './__snapshots__/interleaving-deadlock.txt',
    );
  });

  it("should wrap long values, show notes and console output in their rows, give the runtime's own events a column and mark the panicking step", async () => {
    await expect(renderInterleaving({ events: panicEvents, finding: panic })).toMatchFileSnapshot(
      './__snapshots__/interleaving-panic.txt',
    );
  });

  it('should show a long task name whole in the header, and mark where the leaked task blocked', async () => {
    const text = renderInterleaving({ events: leakEvents, finding: leak });
    await expect(text).toMatchFileSnapshot('./__snapshots__/interleaving-leak.txt');
    expect(text).toContain('setTimeout(anonymous)');
    expect(text).not.toContain('…');
  });

  it('should mark no culprit without a finding', () => {
    const text = renderInterleaving({ events: deadlockEvents });
    expect(text.split('\n').filter((l) => l[1] === '*')).toEqual([]);
  });

  it('should put a note without a value as its label, and console output with its method', () => {
    const text = renderInterleaving({ events: leakEvents, finding: null });
    expect(text).toMatch(/^ {6}1 +started$/m);
    expect(text).toContain('console.error: worker: no channel');
    expect(text).toContain('retries = 3');
  });

  it('should keep every line within the columns when wrapping', () => {
    const lines = renderInterleaving({ events: panicEvents, finding: panic }).split('\n');
    const width = lines[1]!.length;
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
  });

  it('should colour the culprit, notes and switches only with a colour style, keeping the layout', () => {
    const esc = String.fromCharCode(27);
    const coloured = renderInterleaving({ events: panicEvents, finding: panic }, colorStyle(1));
    expect(coloured).toContain(`${esc}[31m${esc}[1mTaskPanicked`);
    expect(coloured.replace(new RegExp(`${esc}\\[\\d+m`, 'g'), '')).toBe(
      renderInterleaving({ events: panicEvents, finding: panic }),
    );
  });

  it('should render nothing for a trace without events', () => {
    expect(renderInterleaving({ events: [] })).toBe('');
  });
});

describe('the three levels, one golden file each, for a deadlock, a leak and a panic', () => {
  const cases = [
    ['deadlock', deadlock],
    ['leak', leak],
    ['panic', panic],
  ] as const;
  it.each(cases)('should render the verdict of a %s', async (name, finding) => {
    await expect(renderVerdict(finding)).toMatchFileSnapshot(`./__snapshots__/verdict-${name}.txt`);
  });
  it.each(cases)('should render the goroutine dump of a %s', async (name, finding) => {
    await expect(renderDump(finding)).toMatchFileSnapshot(`./__snapshots__/dump-${name}.txt`);
  });
});

describe('renderFooter', () => {
  it('should say exactly what to run, and where the trace is', () => {
    expect(renderFooter({ replay: REPLAY, traceFile: 'reports/a.ts.main.deadlock.trace.json' })).toBe(
      `replay: npx interleave replay '${REPLAY}'\ntrace:  reports/a.ts.main.deadlock.trace.json`,
    );
    expect(renderFooter({ replay: null, traceFile: null })).toBe('');
  });
});

describe('renderFinding', () => {
  it('should put the three levels and the footer together', async () => {
    const text = renderFinding({
      finding: deadlock,
      trace: { events: deadlockEvents },
      replay: REPLAY,
      traceFile: 'reports/examples-d1.ts.main.deadlock.trace.json',
    });
    await expect(text).toMatchFileSnapshot('./__snapshots__/finding-deadlock.txt');
  });

  it('should render a finding without tasks or trace as its verdict alone', () => {
    const finding = {
      ...leak,
      kind: 'error' as const,
      message: 'error: stuck',
      summary: 'it looped',
      tasks: [],
    };
    expect(renderFinding({ finding, trace: null, replay: null, traceFile: null })).toBe(
      'error: stuck\nit looped',
    );
  });

  it('should colour only when asked', () => {
    const report = { finding: deadlock, trace: { events: deadlockEvents }, replay: REPLAY, traceFile: null };
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[`);
    expect(renderFinding(report, plain)).not.toMatch(ansi);
    expect(renderFinding(report)).not.toMatch(ansi);
    const coloured = renderFinding(report, colorStyle(1));
    expect(coloured).toMatch(ansi);
    expect(coloured.replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')).toBe(
      renderFinding(report, plain),
    );
  });
});

describe('a race in the terminal', () => {
  it("should print Go's race report instead of a goroutine dump, and the accesses in the interleaving", async () => {
    const { explore, go, shared, WaitGroup } = await import('../../src/index.js');
    const r = await explore(
      async () => {
        const hits = shared(0, 'hits');
        const wg = new WaitGroup();
        for (let i = 0; i < 2; i++) {
          wg.add(1);
          go(() => {
            hits.set(hits.get() + 1);
            wg.done();
          }, `worker${i}`);
        }
        await wg.wait();
      },
      { runs: 20, seed: 1 },
    );
    const f = r.findings[0]!;
    const text = renderFinding({ finding: f, trace: f.trace, replay: f.replay, traceFile: null });
    expect(text).toMatch(
      /\n\n(Read|Write) at hits \(shared#1\) by task \d \(worker\d\):\n  test\/report\/report\.test\.ts:\d+\n\nPrevious (read|write) at hits/,
    );
    expect(text).not.toContain('goroutine 1 (main)');
    expect(text).toMatch(/VarRead hits \(shared#1\)/);
    expect(text).toMatch(/VarWritten hits \(shared#1\)/);
  });
});
