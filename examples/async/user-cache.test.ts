import { explore } from 'interleave';
import { describe, expect, it } from 'vitest';
import { dedupingUserCache, userCache } from './user-cache.js';

const SEED = 41;

describe('examples/async/user-cache', () => {
  it(`should find user 42 fetched twice when the second request checks while the first one's fetch is in flight (300 runs, seed ${SEED})`, async () => {
    const r = await explore(userCache, { runs: 300, seed: SEED, findAll: true });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.kind).toBe('panic');
    expect(f.message).toBe('panic: user 42 fetched twice');
    // The error reaches main through Promise.all and the external() it waits on.
    expect(f.summary).toBe('task 1 (main) panicked: user 42 fetched twice');
  });

  it(`should find nothing for DedupingUserCache, whose concurrent misses share one fetch (300 runs, seed ${SEED})`, async () => {
    const r = await explore(dedupingUserCache, { runs: 300, seed: SEED, findAll: true });
    expect(r.findings).toEqual([]);
    expect(r.runs).toBe(300);
  });
});
