import { describe, expect, it } from 'vitest';
import { InterleaveError } from '../../base/errors.js';
import { DfsStrategy } from '../dfs.js';
import { DporStrategy } from './dpor.js';
import { complete, programs, recording } from '../../../test/fixtures/dpor-programs.js';
import { explore } from '../../index.js';

describe('dpor checkpoints', () => {
  const cases: [string, number][] = [
    ['a lock-order deadlock on some schedules', Number.POSITIVE_INFINITY],
    ['a close racing a send (panics on some schedules)', Number.POSITIVE_INFINITY],
    ['a WaitGroup, workers and a closer', Number.POSITIVE_INFINITY],
    ['unbuffered hand-offs with a blocked receiver', Number.POSITIVE_INFINITY],
    ['a lock-order deadlock on some schedules', 1],
    ['a mutex-protected counter', 2],
  ];
  for (const [name, bound] of cases) {
    it(`should resume a saved frontier so that the parts make one exploration: ${name}, bound ${bound}`, async () => {
      const prog = programs[name]!;
      const whole = recording(new DporStrategy(1_000, bound));
      const all = await explore(prog, { ...complete, strategy: whole.strategy });
      expect(all.complete).toBe(true);

      // Three parts: a third of the runs, save, resume for another third, save, resume for the rest.
      const n = Math.max(1, Math.floor(all.runs / 3));
      const first = new DporStrategy(1_000, bound);
      const parts = [recording(first)];
      const results = [await explore(prog, { ...complete, runs: n, strategy: parts[0]!.strategy })];
      expect(results[0]!.complete).toBe(false);
      const second = DporStrategy.resume(first.frontier());
      parts.push(recording(second));
      results.push(await explore(prog, { ...complete, runs: n, strategy: parts[1]!.strategy }));
      parts.push(recording(DporStrategy.resume(second.frontier(), 1_000, bound)));
      results.push(await explore(prog, { ...complete, strategy: parts[2]!.strategy }));

      expect(results.reduce((sum, r) => sum + r.runs, 0)).toBe(all.runs);
      expect(results[2]!.complete).toBe(true);
      expect(parts.flatMap((p) => p.runs)).toEqual(whole.runs); // the very same runs, in order
      const classes = new Set(parts.flatMap((p) => [...p.classes]));
      expect(classes).toEqual(whole.classes);
      expect(classes.size).toBeLessThanOrEqual(all.distinct);
      const messages = (rs: typeof results): string[] =>
        [...new Set(rs.flatMap((r) => r.findings.map((f) => f.message)))].sort();
      expect(messages(results)).toEqual(messages([all]));
      expect(results[2]!.sleepBlocked).toBe(all.sleepBlocked); // counters carry over
      expect(parts[2]!.strategy.params).toEqual(whole.strategy.params);
    });
  }

  it('should do nothing when resuming a complete search', async () => {
    const prog = programs['three senders on one channel']!;
    const s = new DporStrategy();
    const all = await explore(prog, { ...complete, strategy: s });
    expect(s.complete).toBe(true);
    const again = await explore(prog, { ...complete, strategy: DporStrategy.resume(s.frontier()) });
    expect(again.runs).toBe(0);
    expect(again.complete).toBe(true);
    // Stopped by the budget exactly at the end: nothing left, which the resumed search finds out.
    const t = new DporStrategy();
    const cut = await explore(prog, { ...complete, runs: all.runs, strategy: t });
    expect(cut.complete).toBe(false);
    const rest = await explore(prog, { ...complete, strategy: DporStrategy.resume(t.frontier()) });
    expect(rest.runs).toBe(0);
    expect(rest.complete).toBe(true);
  });

  it('should refuse a corrupt or foreign frontier with an InterleaveError that says what it expected', async () => {
    const dfs = new DfsStrategy();
    await explore(programs['three senders on one channel']!, { runs: 2, strategy: dfs });
    const dpor = new DporStrategy(1_000, 1);
    await explore(programs['three senders on one channel']!, { runs: 2, strategy: dpor });
    const good = JSON.parse(dpor.frontier()) as { path: Record<string, unknown>[] };
    const bad = (f: (p: Record<string, unknown>) => void): string => {
      const copy = JSON.parse(JSON.stringify(good)) as { path: Record<string, unknown>[] };
      f(copy.path[0]!);
      return JSON.stringify(copy);
    };
    expect(() => DporStrategy.resume(dfs.frontier())).toThrow(/not a dpor checkpoint.*dfs exploration/);
    for (const text of [
      'garbage',
      '',
      'null',
      '[]',
      '{"dpor":2}',
      '{"random":1}',
      '{"dpor":1,"path":"x"}',
      bad((b) => (b.chosen = 'nobody')),
      bad((b) => (b.backtrack = 7)),
      bad((b) => (b.done = [['main', 'x', true]])),
    ]) {
      expect(() => DporStrategy.resume(text), text).toThrow(InterleaveError);
      expect(() => DporStrategy.resume(text), text).toThrow(/dpor checkpoint/);
    }
    expect(() => DporStrategy.resume('{"dpor":2}')).toThrow(/version 2/);
    expect(() => DporStrategy.resume('x')).toThrow(/DporStrategy\.frontier\(\)/);
    // A different bound is a different search.
    expect(() => DporStrategy.resume(dpor.frontier(), 1_000, 2)).toThrow(/preemptionBound 1, not 2/);
    expect(() => DporStrategy.resume(dpor.frontier(), 50)).toThrow(/maxUnfairSteps/);
    expect(DporStrategy.resume(dpor.frontier()).params).toEqual({ preemptionBound: 1 });
    expect(JSON.parse(dpor.frontier())).toMatchObject({ dpor: 1, preemptionBound: 1, maxUnfairSteps: 1_000 });
  });
});
