import { describe, expect, it } from 'vitest';
import { shrunkLine } from '../../src/report/footer.js';
import { eventText } from '../../src/report/interleaving.js';
import { chan, explore, go, note, program, select } from '../../src/index.js';
import { readWire } from '../../src/runtime/events.js';
import { summarize } from '../../src/runtime/recorder.js';

describe('a WaitGroup change', () => {
  it('should read as the call and the counter before and after', () => {
    const done = { event: 'WaitGroupAdded', obj: 'WaitGroup#1', detail: '' } as const;
    expect(
      eventText({ ...done, data: { kind: 'WaitGroupAdded', obj: 'WaitGroup#1', delta: -1, counter: 1 } }),
    ).toBe('WaitGroupAdded WaitGroup#1: add(-1): 2 → 1');
    expect(
      eventText({ ...done, data: { kind: 'WaitGroupAdded', obj: 'WaitGroup#1', delta: 3, counter: 3 } }),
    ).toBe('WaitGroupAdded WaitGroup#1: add(3): 0 → 3');
  });

  it('should read the same from an old trace, whose wire form is `delta → counter`', () => {
    expect(readWire('WaitGroupAdded', 'WaitGroup#1', '-1 → 1')).toEqual({
      kind: 'WaitGroupAdded',
      obj: 'WaitGroup#1',
      delta: -1,
      counter: 1,
    });
    expect(eventText({ event: 'WaitGroupAdded', obj: 'WaitGroup#1', detail: '-1 → 1' })).toBe(
      'WaitGroupAdded WaitGroup#1: add(-1): 2 → 1',
    );
  });
});

describe('the shrink line', () => {
  it('should call the schedule the smallest found only when nothing grew', () => {
    expect(shrunkLine({ preemptions: [3, 1], steps: [29, 20] })).toBe(
      'shrunk: 3 → 1 preemptions, 29 → 20 steps (the schedule shown is the smallest found that fails the same way)',
    );
    expect(shrunkLine({ preemptions: [2, 2], steps: [29, 20] })).toContain('the smallest found');
  });

  it('should say plainly when fewer preemptions cost more steps', () => {
    const line = shrunkLine({ preemptions: [10, 0], steps: [29, 34] });
    expect(line).toBe(
      'shrunk: 10 → 0 preemptions, 29 → 34 steps (fewer preemptions but more steps: shrinking minimizes ' +
        'preemptions first, then steps; the schedule shown fails the same way)',
    );
    expect(line).not.toMatch(/smallest|shorter/);
  });

  it('should claim nothing smaller when preemptions grew', () => {
    expect(shrunkLine({ preemptions: [1, 2], steps: [29, 20] })).toBe(
      'shrunk: 1 → 2 preemptions, 29 → 20 steps (the schedule shown fails the same way)',
    );
  });
});

describe('a value in the trace', () => {
  it('should be shortened by one function wherever the program hands it over', async () => {
    const value = { text: 'x'.repeat(100), list: [1, 2, 3, 4, 5, 6, 7] };
    const r = await explore(
      program(async () => {
        const c = chan<object>(1);
        const handoff = chan<object>();
        note('value', value);
        await c.send(value);
        go(async function sender() {
          await select([{ send: handoff, value }]);
        });
        await c.recv();
        await handoff.recv();
        throw new Error('keep the trace');
      }),
      { runs: 1 },
    );
    const events = r.findings[0]!.trace.events;
    const shown = summarize(value);
    expect(shown.length).toBeLessThanOrEqual(60);
    const texts = events.flatMap((e) => {
      const d = e.data;
      if (d?.kind === 'Noted' || d?.kind === 'ChanSent' || d?.kind === 'ChanReceived') return [d.value];
      if (d?.kind === 'SelectWaits') return d.cases.map((c) => (c.op === 'send' ? c.value : null));
      return [];
    });
    // The note, the send and receive on c, the select's offer (if it waited) and its send and receive.
    expect(texts.length).toBeGreaterThanOrEqual(5);
    expect(new Set(texts)).toEqual(new Set([shown]));
  });
});
