import { describe, expect, it } from 'vitest';
import { explore, go, replay, WaitGroup } from '../../src/index.js';
import { decodeReplay } from '../../src/explore/trace.js';

/*
 * The switch point a rewritten plain await makes (primitives/await-point.ts), called here as the
 * rewritten code calls it, so the tests need no loader.
 */
const awaitPoint = (globalThis as unknown as { __interleaveAwait: <T>(x: T) => T }).__interleaveAwait;

let balance = 100;

async function withdraw(n: number): Promise<void> {
  const b = balance;
  await awaitPoint(Promise.resolve());
  balance = b - n;
}

async function both(): Promise<void> {
  balance = 100;
  const wg = new WaitGroup();
  wg.add(2);
  go(async () => {
    await awaitPoint(withdraw(10));
    wg.done();
  });
  go(async () => {
    await awaitPoint(withdraw(20));
    wg.done();
  });
  await wg.wait();
  if (balance !== 70) throw new Error(`lost update: balance is ${balance}`);
}

describe('plain awaits as switch points', () => {
  it('should find the lost update (seed 1), and replay it exactly', async () => {
    const r = await explore(both, { runs: 100, seed: 1 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f.message).toMatch(/lost update: balance is (80|90)/);
    const again = await replay(both, decodeReplay(f.replay));
    expect(again.finding?.message).toBe(f.message);
  });

  it('should never let dpor claim complete where plain awaits were switch points (it misses the lost update)', async () => {
    const r = await explore(both, { strategy: 'dpor', runs: 1000 });
    // dpor takes the code between the awaits for independent steps: it finds nothing, and says so.
    expect(r.findings).toEqual([]);
    expect(r.complete).toBe(false);
    expect(r.incompleteReason).toMatch(/plain state touched between plain awaits that were switch points/);
    const dfs = await explore(both, { strategy: 'dfs', runs: 1000 });
    expect(dfs.findings.map((f) => f.message)[0]).toMatch(/lost update/);
  });

  it('should miss it with awaitPoints: 0, and carry a non-default bound in the replay string', async () => {
    expect((await explore(both, { runs: 100, seed: 1, awaitPoints: 0 })).findings).toEqual([]);
    const r = await explore(both, { runs: 100, seed: 1, awaitPoints: 1 });
    expect(decodeReplay(r.findings[0]!.replay).options.awaitPoints).toBe(1);
  });

  it('should find it in compatibility mode too, after a timer resolved what both tasks await', async () => {
    const afterTimer = async (n: number): Promise<void> => {
      await awaitPoint(new Promise((resolve) => setTimeout(resolve, 10)));
      await withdraw(n);
    };
    const main = async (): Promise<void> => {
      balance = 100;
      const wg = new WaitGroup();
      wg.add(2);
      go(async () => {
        await awaitPoint(afterTimer(10));
        wg.done();
      });
      go(async () => {
        await awaitPoint(afterTimer(20));
        wg.done();
      });
      await wg.wait();
      if (balance !== 70) throw new Error(`lost update: balance is ${balance}`);
    };
    const r = await explore(main, { runs: 100, seed: 1 });
    expect(r.compat).toBe(true);
    expect(r.findings[0]?.message).toMatch(/lost update/);
    expect((await explore(main, { runs: 100, seed: 1, awaitPoints: 0 })).findings).toEqual([]);
  });

  it('should be an identity outside an exploration', () => {
    const p = Promise.resolve(1);
    expect(awaitPoint(p)).toBe(p);
    expect(awaitPoint(5)).toBe(5);
  });

  it('should refuse a bad awaitPoints in one line', async () => {
    await expect(explore(both, { awaitPoints: -1 })).rejects.toThrow(
      'option awaitPoints must be an integer ≥ 0, got -1',
    );
  });
});
