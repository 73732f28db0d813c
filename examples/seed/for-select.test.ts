import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { captureStdout } from './fmt.js';
import { forSelectAroundWork, forSelectDefault } from './for-select.js';

const SEED = 29;
const WORKING5 = ['0s', '100ms', '200ms', '300ms', '400ms'].map((t) => `[${t}] working\n`).join('');

describe('examples/seed/for-select', () => {
  for (const mode of ['test', 'program'] as const) {
    it(`should find nothing in ${mode} mode for the minimal select, with 5 or 6 "working" (200 runs, seed ${SEED})`, async () => {
      const { program, outputs } = captureStdout(forSelectDefault, { clock: true });
      const r = await explore(program, { runs: 200, seed: SEED, mode, findAll: true });
      // At 500ms main's sleep and the worker's are due together. If the worker goes first it works
      // once more and sleeps until 600ms, so it is still running when main returns: fine in program
      // mode, and in test mode it sees done closed at 600ms, well within the grace time.
      expect(r.findings).toEqual([]);
      expect(new Set(outputs)).toEqual(
        new Set([
          `${WORKING5}[500ms] main returned\n`,
          `${WORKING5}[500ms] working\n[500ms] main returned\n`,
        ]),
      );
    });

    it(`should find nothing in ${mode} mode with the work inside the select (200 runs, seed ${SEED})`, async () => {
      const { program, outputs } = captureStdout(forSelectAroundWork);
      const r = await explore(program, { runs: 200, seed: SEED, mode, findAll: true });
      expect(r.findings).toEqual([]);
      // Unbuffered sends hand over in order, and main waits for the worker before returning.
      expect(new Set(outputs)).toEqual(new Set(['processing a\nprocessing b\nprocessing c\n']));
    });
  }
});
