import { describe, expect, it } from 'vitest';
import { chan, explore, go, settle, ScriptedStrategy } from '../index.js';

describe('ScriptedStrategy', () => {
  const order = async (script: number[]): Promise<string> => {
    let got = '';
    await explore(
      async () => {
        const c = chan<string>(2);
        go(() => c.send('a'));
        go(() => c.send('b'));
        await settle();
        got = `${await c.recv()}${await c.recv()}`;
      },
      { strategy: new ScriptedStrategy(script), runs: 1 },
    );
    return got;
  };

  it('should read each integer modulo the options, and continue the current task past the end', async () => {
    const seen = new Set<string>();
    for (const script of [[], [0], [1], [2], [5, 1], [-1], [1, 0, 1]]) seen.add(await order(script));
    expect(seen).toEqual(new Set(['ab', 'ba']));
    expect(await order([])).toBe(await order([0, 0, 0, 0]));
  });
});
