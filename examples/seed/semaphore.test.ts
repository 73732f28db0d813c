import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { captureStdout } from './fmt.js';
import { semaphore } from './semaphore.js';

const SEED = 31;

describe('examples/seed/semaphore', () => {
  it(`should find nothing and never run more than 3 tasks at once (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(semaphore);
    const r = await explore(program, { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
    let peak = 0;
    for (const out of outputs) {
      const lines = out.trimEnd().split('\n');
      expect(lines.filter((l) => l.startsWith('Start task')).sort()).toEqual(
        [1, 2, 3, 4, 5].map((k) => `Start task ${k}`),
      );
      expect(lines.filter((l) => l.startsWith('Done task')).sort()).toEqual(
        [1, 2, 3, 4, 5].map((k) => `Done task ${k}`),
      );
      let running = 0;
      for (const l of lines) {
        running += l.startsWith('Start') ? 1 : -1;
        expect(running).toBeLessThanOrEqual(3);
        peak = Math.max(peak, running);
      }
    }
    // The bound is reached in some schedule: the semaphore, not luck, keeps it at 3.
    expect(peak).toBe(3);
  });
});
