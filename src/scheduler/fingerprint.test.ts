import { describe, expect, it } from 'vitest';
import { chan, explore, go, settle } from '../index.js';

describe('coverage', () => {
  it('should count interleavings of independent operations as one behaviour', async () => {
    const r = await explore(
      async () => {
        for (let t = 0; t < 2; t++) {
          go(async () => {
            const own = chan<number>(3); // each task's own channel: nothing shared
            for (let i = 0; i < 3; i++) await own.send(i);
          });
        }
        await settle(); // joins without touching a shared object (a WaitGroup's wait vs done would be an order)
      },
      { runs: 200, seed: 1 },
    );
    expect(r.findings).toEqual([]);
    expect(r.distinct).toBe(1);
  });

  it('should tell apart orders of dependent operations', async () => {
    const r = await explore(
      async () => {
        const c = chan<string>();
        go(() => c.send('a'));
        go(() => c.send('b'));
        await c.recv();
        await c.recv();
      },
      { runs: 200, seed: 1 },
    );
    expect(r.findings).toEqual([]);
    // Which sender reaches the channel first, and whether main arrives before, between or after them.
    expect(r.distinct).toBeGreaterThanOrEqual(2);
    expect(r.distinct).toBeLessThan(20);
  });
});
