import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { bridgeUsage } from './bridge.js';
import { captureStdout } from './fmt.js';

const SEED = 13;

describe('examples/seed/bridge', () => {
  it(`should find nothing and output the streams' values in order (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(bridgeUsage);
    const r = await explore(program, { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
    expect(new Set(outputs)).toEqual(new Set(['0 1 2 3 4 5 ']));
  });
});
