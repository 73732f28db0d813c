import { explore, WaitReason } from 'interleave';
import { describe, expect, it } from 'vitest';
import { dump, siteOf } from './dump.js';
import { captureStdout } from './fmt.js';
import { selectTimeout, selectTimeoutUnbuffered } from './select-timeout.js';

const SEED = 23;
const RECEIVED = '[1s] Received hello\n[1s] main returned\n';
const TIMEOUT = '[1s] Timeout\n[1s] main returned\n';

describe('examples/seed/select-timeout', () => {
  for (const mode of ['test', 'program'] as const) {
    it(`should find nothing in ${mode} mode, and both "Received" and "Timeout" at 1s (200 runs, seed ${SEED})`, async () => {
      const { program, outputs } = captureStdout(selectTimeout, { clock: true });
      const r = await explore(program, { runs: 200, seed: SEED, mode, findAll: true });
      expect(r.findings).toEqual([]);
      // The sender's sleep and time.After are due at the same instant; the strategy orders them.
      expect(new Set(outputs)).toEqual(new Set([RECEIVED, TIMEOUT]));
    });

    it(`should find the sender leaked in ${mode} mode when the timeout wins over an unbuffered channel (200 runs, seed ${SEED})`, async () => {
      const { program, outputs } = captureStdout(selectTimeoutUnbuffered, { clock: true });
      const r = await explore(program, { runs: 200, seed: SEED, mode, findAll: true });
      expect(r.findings).toHaveLength(1);
      const f = r.findings[0]!;
      expect(f.kind).toBe('leak');
      expect(f.message).toBe('leak: 1 task blocked forever after main returned');
      expect(dump(f)).toEqual([
        `sender blocked [${WaitReason.chanSend}] ${siteOf('select-timeout.ts', "await ch1.send('hello');")}`,
      ]);
      // Receiving is still possible, and then nothing leaks.
      expect(new Set(outputs)).toEqual(new Set([RECEIVED, TIMEOUT]));
    });
  }
});
