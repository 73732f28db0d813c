import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { confinement } from './confinement.js';
import { captureStdout } from './fmt.js';

const SEED = 11;

describe('examples/seed/confinement', () => {
  it(`should find nothing and receive 0,1,2,3,4 in order (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(confinement);
    const r = await explore(program, { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
    expect(new Set(outputs)).toEqual(new Set(['0\n1\n2\n3\n4\n']));
  });
});
