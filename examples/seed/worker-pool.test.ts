import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { captureStdout } from './fmt.js';
import { workerPool, workerPoolEarlyStop } from './worker-pool.js';

const SEED = 29;

const line = (id: number): string => `task ${String(id).padStart(2, '0')} -> ${id * id}`;

describe('examples/seed/worker-pool', () => {
  it(`should find nothing and print all 20 results, then "all done" (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(workerPool);
    const r = await explore(program, { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
    const expected = Array.from({ length: 20 }, (_, k) => line(k + 1)).sort();
    for (const out of outputs) {
      const lines = out.trimEnd().split('\n');
      expect(lines.at(-1)).toBe('all done');
      expect(lines.slice(0, -1).sort()).toEqual(expected);
    }
    // The workers finish in different orders across schedules.
    expect(new Set(outputs).size).toBeGreaterThan(1);
  });

  it(`should find nothing with the seed's optional early stop at task 10 enabled (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(workerPoolEarlyStop);
    const r = await explore(program, { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
    for (const out of outputs) {
      const lines = out.trimEnd().split('\n');
      expect(lines).toContain(line(10));
      expect(lines.at(-1)).toBe('all done');
    }
  });
});
