import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../runtime/recorder.js';
import { explore, note, program, track } from '../index.js';

/**
 * The accesses one statement on a tracked object records, between two notes: `[kind, variable]`
 * for each VarRead/VarWritten. The program panics at the end so that its trace is kept.
 */
async function accessesOf(statement: (o: { n: number; m?: number }) => void): Promise<string[][]> {
  const r = await explore(
    program(async () => {
      const start: { n: number; m?: number } = { n: 0 };
      const o = track(start, 'o');
      note('begin');
      statement(o);
      note('end');
      throw new Error('keep the trace');
    }),
    { runs: 1 },
  );
  return between(r.findings[0]!.trace.events);
}

/** The VarRead/VarWritten events between the notes `begin` and `end`, as `[kind, variable]`. */
function between(events: readonly TraceEvent[]): string[][] {
  const begin = events.findIndex((e) => e.event === 'Noted' && e.obj === 'begin');
  const end = events.findIndex((e) => e.event === 'Noted' && e.obj === 'end');
  return events
    .slice(begin + 1, end)
    .filter((e) => e.event === 'VarRead' || e.event === 'VarWritten')
    .map((e) => [e.event, e.obj]);
}

describe('track(): one statement, its accesses', () => {
  it('should record an assignment to a property as one write', async () => {
    expect(
      await accessesOf((o) => {
        o.n = 5;
      }),
    ).toEqual([['VarWritten', 'o.n (track#1)']]);
  });

  it('should record a read as one read, and `+=` as a read then a write', async () => {
    expect(await accessesOf((o) => void o.n)).toEqual([['VarRead', 'o.n (track#1)']]);
    expect(
      await accessesOf((o) => {
        o.n += 1;
      }),
    ).toEqual([
      ['VarRead', 'o.n (track#1)'],
      ['VarWritten', 'o.n (track#1)'],
    ]);
  });

  it('should record adding a property as a write of the key set and one of the property', async () => {
    expect(
      await accessesOf((o) => {
        o.m = 1;
      }),
    ).toEqual([
      ['VarWritten', 'o (track#1)'],
      ['VarWritten', 'o.m (track#1)'],
    ]);
  });

  it('should run a setter with the proxy as `this`, so its own accesses are watched', async () => {
    class Box {
      v = 0;
      set value(x: number) {
        this.v = x;
      }
    }
    const r = await explore(
      program(async () => {
        const b = track(new Box(), 'box');
        note('begin');
        b.value = 5;
        note('end');
        throw new Error('keep the trace');
      }),
      { runs: 1 },
    );
    expect(between(r.findings[0]!.trace.events)).toEqual([
      ['VarWritten', 'box.value (track#1)'],
      ['VarWritten', 'box.v (track#1)'],
    ]);
  });
});
