import { describe, expect, it } from 'vitest';
import { FindingCauses } from '../../src/checker/findings.js';
import { errorFinding } from '../../src/cli/failures.js';

/*
 * Every finding carries a cause code, not only the checker's verdicts: the CLI's too (a program its
 * watchdog stopped, or one it could not explore). The runtime's unhandled rejection and explore's
 * divergence are asserted beside them (runtime/rejections.test.ts, explore/explore.test.ts).
 */
describe('the cause of the findings the CLI makes', () => {
  it('should say watchdog for a program the CLI stopped, and not-explored for one it could not run', () => {
    const stopped = errorFinding('a.ts', 'main', { type: 'timeout', ms: 60_000, phase: 'run' });
    expect(stopped.cause).toBe('watchdog');
    const loading = errorFinding('a.ts', 'main', { type: 'timeout', ms: 60_000, phase: 'load' });
    expect(loading.cause).toBe('watchdog');
    const failed = errorFinding('a.ts', 'main', { type: 'failed', stage: 'run', message: 'boom' });
    expect(failed.cause).toBe('not-explored');
    for (const f of [stopped, loading, failed]) expect(FindingCauses).toContain(f.cause);
  });
});
