import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { captureStdout } from './fmt.js';
import { orChannelUsage } from './or-channel.js';

const SEED = 5;

describe('examples/seed/or-channel', () => {
  it(`should find nothing whichever input closes, recursion included (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(orChannelUsage);
    const r = await explore(program, { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
    // Every one of the five inputs was the one closed in some run, and each closed the or-channel.
    expect(new Set(outputs)).toEqual(new Set([0, 1, 2, 3, 4].map((k) => `done after signal ${k}\n`)));
  });
});
