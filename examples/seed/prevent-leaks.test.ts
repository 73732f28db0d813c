import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { captureStdout } from './fmt.js';
import { preventLeaks } from './prevent-leaks.js';

const SEED = 31;

describe('examples/seed/prevent-leaks', () => {
  it(`should find nothing in test mode; "doWork canceled" comes at 1s or, after main returned, at 1.2s (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(preventLeaks, { clock: true });
    const r = await explore(program, { runs: 200, seed: SEED, findAll: true });
    expect(r.findings).toEqual([]);
    // At 1s main's sleep and doWork's fifth are due together. If doWork goes first, done is still
    // open: it sleeps until 1.2s, and main's 100 ms wait is too short for the message. In Go that
    // message is lost (the program has exited); test mode lets doWork finish within the grace time.
    expect(new Set(outputs)).toEqual(
      new Set([
        '[1s] doWork canceled\n[1.1s] main returned\n',
        '[1.1s] main returned\n[1.2s] doWork canceled\n',
      ]),
    );
  });

  it(`should find nothing in program mode: doWork is asleep, not blocked, when main returns (200 runs, seed ${SEED})`, async () => {
    const r = await explore(preventLeaks, { runs: 200, seed: SEED, mode: 'program', findAll: true });
    expect(r.findings).toEqual([]);
  });
});
