import { describe, expect, it } from 'vitest';
import { chan, explore, go, select, yield_ } from '../index.js';

/**
 * A bug of depth 2: it needs task b to run all of its steps in a row between a's second and third
 * step (two ordering constraints). Each step is a real operation (a buffered send), not a spin.
 */
function depthTwo(hits: { n: number }) {
  return async (): Promise<void> => {
    const log: string[] = [];
    const done = chan<void>(2);
    const aSteps = chan<number>(100);
    const bSteps = chan<number>(100);
    go(async () => {
      for (let i = 0; i < 5; i++) {
        log.push('a');
        await aSteps.send(i);
      }
      await done.send();
    }, 'a');
    go(async () => {
      for (let i = 0; i < 15; i++) {
        log.push('b');
        await bSteps.send(i);
      }
      await done.send();
    }, 'b');
    await done.recv();
    await done.recv();
    if (log.join('') === `aa${'b'.repeat(15)}aaa`) hits.n++;
  };
}

describe('pct', () => {
  it('should find a depth-2 bug at least at its guaranteed rate 1/(n·k), where random does not', async () => {
    const runs = 1000;
    const pct = { n: 0 };
    const random = { n: 0 };
    const r = await explore(depthTwo(pct), { runs, seed: 1, strategy: 'pct', pctDepth: 2 });
    await explore(depthTwo(random), { runs, seed: 1, strategy: 'random' });
    expect(r.findings).toEqual([]);
    // n = 3 tasks; k = 29: the longest run of this program (runs take 28 or 29 steps, measured).
    const n = 3;
    const k = 29;
    const guaranteed = 1 / (n * k);
    console.log(
      `depth-2 bug in ${runs} runs: pct ${pct.n}, random ${random.n} (PCT bound ${(guaranteed * runs).toFixed(1)})`,
    );
    expect(pct.n / runs).toBeGreaterThanOrEqual(guaranteed);
    expect(random.n).toBeLessThan(pct.n / 10);
  });

  it('should be deterministic for a seed and record its parameters in traces', async () => {
    const prog = async (): Promise<void> => {
      const c = chan<number>();
      go(() => c.send(1), 'sender');
      go(() => c.close(), 'closer');
      await c.recv();
      await yield_();
    };
    const one = await explore(prog, { runs: 200, seed: 3, strategy: 'pct' });
    const two = await explore(prog, { runs: 200, seed: 3, strategy: 'pct' });
    expect(one.findings[0]!.trace).toEqual(two.findings[0]!.trace);
    expect(one.findings[0]!.trace.strategy).toEqual({ name: 'pct', params: { seed: 3, depth: 3 } });
  });

  it('should not turn a spin loop into a livelock: a spinning task drops below the one it waits for', async () => {
    const r = await explore(
      async () => {
        const ready = chan<void>();
        go(async () => {
          await yield_();
          ready.close();
        }, 'setter');
        for (;;) {
          const x = await select([{ recv: ready }, { default: true }]);
          if (x.index === 0) break;
        }
      },
      { runs: 100, seed: 5, strategy: 'pct', maxSteps: 5_000 },
    );
    expect(r.findings).toEqual([]);
  });
});
