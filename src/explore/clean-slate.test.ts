import { setTimeout as realDelay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { explore, external, go, InterleaveError } from '../index.js';
import { twoSenders } from '../../test/fixtures/two-senders.js';

/*
 * Every exploration starts from a clean slate, whatever the one before it did: several explorations
 * in one file, each after a program that ended its exploration in a different way, and then a
 * correct program that must come out clean.
 */

/** A correct program: it must come out clean after any ending. */
const correct = twoSenders;

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

  it('should not take the rejection of a task an earlier run left waiting on real time as its own', async () => {
    // The run ends in an outside await; its main wakes 5 ms later, in real time, and leaves a
    // rejected promise nobody handles: during the next exploration, or between the two.
    const left = await explore(
      async () => {
        await realDelay(5);
        void Promise.reject(new Error('late rejection of an ended run'));
      },
      { runs: 1, compat: 'on' },
    );
    expect(left.findings.map((f) => f.cause)).toEqual(['outside-await']);
    const during = await explore(correct, { runs: 2000 });
    expect(during.findings).toEqual([]);
    await realDelay(10); // the woken task's rejection surfaces here if it was not handled
    const after = await explore(correct, { runs: 20 });
    expect(after.findings).toEqual([]);
  });
});
