import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { contextTimeout } from './context-timeout.js';
import { captureStdout } from './fmt.js';

const SEED = 37;

describe('examples/seed/context-timeout', () => {
  for (const mode of ['test', 'program'] as const) {
    it(`should find nothing in ${mode} mode and reach both outcomes of the 2s tie (200 runs, seed ${SEED})`, async () => {
      const { program, outputs } = captureStdout(contextTimeout, { clock: true });
      const r = await explore(program, { runs: 200, seed: SEED, mode, findAll: true });
      // work returns at 2s, before main's 3s sleep ends: nothing is left when main returns.
      expect(r.findings).toEqual([]);
      // At 2s the second step's time.After and the deadline are due at the same instant.
      expect(new Set(outputs)).toEqual(
        new Set([
          '[1s] Work step 0\n[2s] Work step 1\n[2s] Work canceled at step 2\n[3s] main returned\n',
          '[1s] Work step 0\n[2s] Work canceled at step 1\n[3s] main returned\n',
        ]),
      );
    });
  }
});
