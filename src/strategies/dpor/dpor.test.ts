import { describe, expect, it } from 'vitest';
import { complete, programs } from '../../../test/fixtures/dpor-programs.js';
import { chan, explore, go, select, yield_ } from '../../index.js';

describe('dpor', () => {
  for (const [name, prog] of Object.entries(programs)) {
    it(`should reach every execution class DFS reaches, in fewer runs: ${name}`, async () => {
      const dfs = await explore(prog, { ...complete, strategy: 'dfs' });
      const dpor = await explore(prog, { ...complete, strategy: 'dpor' });
      expect(dfs.complete).toBe(true);
      expect(dpor.complete).toBe(true);
      expect(dpor.distinct).toBe(dfs.distinct);
      expect(dpor.findings.map((f) => f.kind).sort()).toEqual(dfs.findings.map((f) => f.kind).sort());
      expect(dpor.runs).toBeLessThanOrEqual(dfs.runs);
      console.log(`${name}: dfs ${dfs.runs} runs, dpor ${dpor.runs} runs, ${dfs.distinct} distinct`);
    });
  }
});

describe('dfs and dpor with spin loops', () => {
  const spin = async (): Promise<void> => {
    const ready = chan<void>();
    go(async () => {
      await yield_();
      ready.close();
    }, 'setter');
    for (;;) {
      const r = await select([{ recv: ready }, { default: true }]);
      if (r.index === 0) return;
    }
  };

  for (const strategy of ['dfs', 'dpor'] as const) {
    it(`should not report a false livelock (${strategy}): past maxUnfairSteps the tail is fair`, async () => {
      const r = await explore(spin, {
        strategy,
        runs: 10_000,
        maxUnfairSteps: 40,
        maxSteps: 2_000,
        findAll: true,
      });
      expect(r.findings).toEqual([]);
      expect(r.complete).toBe(true);
    });
  }
});
