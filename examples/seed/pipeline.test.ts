import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { captureStdout } from './fmt.js';
import { pipeline } from './pipeline.js';

const SEED = 2024;

describe('examples/seed/pipeline', () => {
  it(`should find nothing in gen -> sq -> sq and print 16 then 81 (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(pipeline);
    const r = await explore(program, { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
    expect(r.runs).toBe(200);
    expect(new Set(outputs)).toEqual(new Set(['16\n81\n']));
  });
});
