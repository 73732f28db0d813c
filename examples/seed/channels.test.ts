import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { channels } from './channels.js';
import { captureStdout } from './fmt.js';

const SEED = 7;

describe('examples/seed/channels', () => {
  it(`should find nothing and print 42 (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(channels);
    const r = await explore(program, { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
    expect(new Set(outputs)).toEqual(new Set(['42\n']));
  });
});
