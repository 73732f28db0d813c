import { describe, expect, it } from 'vitest';
import { chan, explore, select, settle, time } from '../index.js';

describe('free mode', () => {
  it('should choose among ready select cases at random, as Go does', async () => {
    const seen = new Set<number>();
    const a = chan<number>(1);
    const b = chan<number>(1);
    for (let i = 0; i < 50; i++) {
      await a.send(1);
      await b.send(2);
      const r = await select([{ recv: a }, { recv: b }]);
      seen.add(r.index);
      await (r.index === 0 ? b : a).recv();
    }
    expect(seen).toEqual(new Set([0, 1]));
  });

  it('should sleep in real time', async () => {
    const started = performance.now();
    const t0 = time.now();
    await time.sleep(20 * time.Millisecond);
    expect(performance.now() - started).toBeGreaterThanOrEqual(18);
    expect(time.since(t0)).toBeGreaterThanOrEqual(18 * time.Millisecond);
    expect(Math.abs(time.now().toDate().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('should let timers fire while a loop selects on an always-ready channel (the starvation guard)', async () => {
    const ready = chan<void>();
    ready.close();
    let fired = false;
    setTimeout(() => (fired = true), 5);
    const started = performance.now();
    let spins = 0;
    while (!fired && performance.now() - started < 2000) {
      await select([{ recv: ready }]);
      spins++;
    }
    expect(fired).toBe(true);
    expect(spins).toBeGreaterThan(0);
  });

  it('should refuse settle(), a test helper', async () => {
    await expect(settle()).rejects.toThrow('settle() is a test helper: it needs a run');
  });

  it('should report an object of free mode used inside a run, naming it', async () => {
    const outside = chan<number>(1);
    const r = await explore(async () => {
      await outside.send(1);
    });
    expect(r.findings[0]!.message).toMatch(
      /^error: chan#\d+ was created outside any run \(free mode\) but task 1 \(main\) of run 0 called send on it/,
    );
  });
});
