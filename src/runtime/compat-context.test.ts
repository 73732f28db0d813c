import { describe, expect, it } from 'vitest';
import { chan, explore, go } from '../index.js';

/*
 * Compatibility mode knows whose code calls an operation however that code was resumed: by a
 * promise, or as work the task deferred with queueMicrotask or process.nextTick (compat.ts).
 */

type Defer = (callback: () => void) => void;

/** main receives what a task sends from a callback it deferred; compatibility mode on. */
async function sendDeferred(defer: Defer) {
  return explore(
    async () => {
      const ch = chan<string>();
      go(async () => {
        await new Promise<void>((resolve) => defer(() => void ch.send('deferred').then(resolve)));
      }, 'deferrer');
      expect(await ch.recv()).toBe('deferred');
    },
    { runs: 30, seed: 5, compat: 'on' },
  );
}

describe('compatibility mode, work a task defers', () => {
  it('should run a queueMicrotask callback as the task that queued it', async () => {
    const r = await sendDeferred((cb) => queueMicrotask(cb));
    expect(r.findings).toEqual([]);
    expect(r.runs).toBe(30);
  });

  it('should run a process.nextTick callback as the task that queued it', async () => {
    const r = await sendDeferred((cb) => process.nextTick(cb));
    expect(r.findings).toEqual([]);
    expect(r.runs).toBe(30);
  });

  it('should run a continuation as the task that awaited, not the task that resolved', async () => {
    const r = await explore(
      async () => {
        const ch = chan<string>(1);
        let open!: () => void;
        const gate = new Promise<void>((resolve) => (open = resolve));
        go(async () => {
          await gate;
          await ch.send('from the waiter');
        }, 'waiter');
        go(() => {
          queueMicrotask(open); // resolved from the opener's deferred work
        }, 'opener');
        expect(await ch.recv()).toBe('from the waiter');
      },
      { runs: 30, seed: 6, compat: 'on' },
    );
    expect(r.findings).toEqual([]);
  });
});
