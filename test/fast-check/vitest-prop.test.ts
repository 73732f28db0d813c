import { fc, test } from '@fast-check/vitest';
import { schedule } from 'interleave/fast-check';
import { expect } from 'vitest';
import { counter } from './programs.js';

// @fast-check/vitest's test.prop: the schedule is one more arbitrary beside the inputs.
test.prop([fc.integer({ min: 1, max: 20 }), schedule()], { seed: 5, numRuns: 40 })(
  'should run a correct program under every schedule test.prop draws',
  async (n, s) => {
    expect(await s.run(counter(n, true))).toBe(n);
  },
);
