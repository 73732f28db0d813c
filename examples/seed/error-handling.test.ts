import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { errorHandling, errorHandlingTooManyErrors } from './error-handling.js';
import { captureStdout } from './fmt.js';

const SEED = 3;

describe('examples/seed/error-handling', () => {
  it(`should find nothing and report two statuses and one error (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(errorHandling);
    const r = await explore(program, { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
    expect(new Set(outputs)).toEqual(
      new Set([
        'Status: 200\n' +
          'Status: 200\n' +
          'error: Get "https://doesnot.exist": dial tcp: lookup doesnot.exist: no such host\n',
      ]),
    );
  });

  it(`should find nothing when main breaks after two errors: checkStatus honours done (200 runs, seed ${SEED})`, async () => {
    const { program, outputs } = captureStdout(errorHandlingTooManyErrors);
    const r = await explore(program, { runs: 200, seed: SEED });
    expect(r.findings).toEqual([]);
    expect(new Set(outputs)).toEqual(
      new Set([
        'error: Get "https://doesnot.exist": dial tcp: lookup doesnot.exist: no such host\n' +
          'Status: 200\n' +
          'error: Get "https://doesnot.exist/again": dial tcp: lookup doesnot.exist: no such host\n' +
          'too many errors, exiting\n',
      ]),
    );
  });
});
