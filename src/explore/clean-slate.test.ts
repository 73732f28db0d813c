import { describe, expect, it } from 'vitest';
import { chan, explore, external, go, InterleaveError, program } from '../index.js';

/*
 * Every exploration starts from a clean slate, whatever the one before it did: several explorations
 * in one file, each after a program that ended its exploration in a different way, and then a
 * correct program that must come out clean.
 */

const correct = program(async () => {
  const c = chan<number>();
  go(async () => {
    await c.send(1);
  });
  go(async () => {
    await c.send(2);
  });
  await c.recv();
  await c.recv();
});

/** Each program, and the finding its own exploration must report (its message's start). */
const endings: readonly (readonly [name: string, main: () => unknown, expected: string])[] = [
  ['main throws an Error', () => Promise.reject(new Error('boom')), 'panic: boom'],
  [
    'main throws synchronously',
    () => {
      throw new TypeError('sync');
    },
    'panic: TypeError: sync',
  ],
  ['main throws an InterleaveError', () => Promise.reject(new InterleaveError('misuse')), 'panic: misuse'],
  [
    'a rejection nobody handles',
    async () => {
      void Promise.reject(new Error('lost'));
    },
    'panic: unhandled rejection: lost',
  ],
  [
    'a timer callback throws',
    async () => {
      setTimeout(() => {
        throw new Error('in timer');
      }, 5);
    },
    'panic: in timer',
  ],
  [
    'a task throws',
    async () => {
      go(async () => {
        throw new Error('in task');
      });
      await new Promise((r) => setTimeout(r, 1));
    },
    'panic: in task',
  ],
  ['main awaits a promise never settled', () => new Promise(() => undefined), 'outside await: task 1 (main)'],
  [
    'main awaits external() work never settled',
    () => external(() => new Promise(() => undefined)),
    'outside await: task 2 (external)',
  ],
  [
    'an interval left running',
    async () => {
      setInterval(() => undefined, 1);
    },
    '',
  ],
];

describe('explorations one after another: each starts from a clean slate', () => {
  for (const [name, main, expected] of endings) {
    it(`should report its own result after an exploration where ${name}`, async () => {
      const first = await explore(main, { runs: 3 });
      const messages = first.findings.map((f) => f.message);
      if (expected === '') expect(messages).toEqual([]);
      else expect(messages[0]).toMatch(new RegExp(`^${expected.replace(/[()]/g, '\\$&')}`));
      const next = await explore(correct, { runs: 20 });
      expect(next.findings).toEqual([]);
      expect(next.runs).toBe(20);
    });
  }

  it('should report its own result after an exploration refused for a bad option', async () => {
    await expect(explore(correct, { runs: -1 })).rejects.toThrow(InterleaveError);
    expect((await explore(correct, { runs: 20 })).findings).toEqual([]);
  });

  it('should report its own result after an exploration in compatibility mode', async () => {
    const plain = await explore(
      async () => {
        await new Promise<void>((r) => setTimeout(r, 1));
        throw new Error('after a plain await');
      },
      { runs: 3 },
    );
    expect(plain.compat).toBe(true);
    expect(plain.findings[0]?.message).toBe('panic: after a plain await');
    const next = await explore(correct, { runs: 20 });
    expect(next.findings).toEqual([]);
    expect(next.compat).toBe(false);
  });
});
