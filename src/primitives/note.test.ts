import { describe, expect, it } from 'vitest';
import { chan, explore, go, note } from '../index.js';

describe('note and console output in traces', () => {
  it("should record notes and console lines as events of the failing schedule's steps", async () => {
    const log = console.log;
    const r = await explore(
      async () => {
        const c = chan<number>();
        note('balance', 100);
        go(async () => {
          console.log('worker sends', 1);
          await c.send(1);
        }, 'worker');
        await c.recv();
        note('done');
        await c.recv(); // deadlock: nobody sends again
      },
      { runs: 1 },
    );
    const events = r.findings[0]!.trace.events;
    expect(events.filter((e) => e.event === 'Noted').map((e) => [e.task, e.obj, e.detail])).toEqual([
      [1, 'balance', '100'],
      [1, 'done', ''],
    ]);
    const logged = events.find((e) => e.event === 'ConsoleLogged')!;
    expect([logged.task, logged.obj, logged.detail]).toEqual([2, 'log', 'worker sends 1']);
    expect(console.log).toBe(log); // restored after the recorded replays
  });
});
