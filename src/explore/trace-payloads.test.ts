import { describe, expect, it } from 'vitest';
import { parseTrace, stringifyTrace } from './trace.js';

/** A trace file as this module wrote it before events had payloads and findings causes. */
const written = (finding: Record<string, unknown> | null = null): Record<string, unknown> => ({
  format: 'interleave-trace',
  version: 1,
  program: { file: 'a.ts', export: 'main' },
  options: {
    maxSteps: 10_000,
    graceSteps: 1_000,
    mode: 'program',
    seed: 1,
    graceTime: 60e9,
    timeJumps: 'due',
    compat: false,
    race: true,
  },
  strategy: { name: 'random', params: {} },
  run: 0,
  choices: [],
  events: [
    { step: 1, task: 1, event: 'WaitGroupAdded', obj: 'WaitGroup#1', detail: '2 → 2', site: 'a.ts:3' },
    {
      step: 2,
      task: 1,
      event: 'SelectWaits',
      obj: 'select',
      detail: 'send 1 on chan#2 | receive from chan#3',
      site: null,
    },
    { step: 2, task: 1, event: 'ShinyNewKind', obj: 'x', detail: 'y', site: null },
  ],
  finding,
});

const finding = {
  kind: 'race',
  message: 'WARNING: DATA RACE on shared#1',
  summary: 's',
  tasks: [],
  task: 2,
  stack: 'Write at shared#1 by task 2 (a):\n  a.ts:4',
  step: 5,
};

describe('trace files and event payloads', () => {
  it('should read the payloads of a trace written before them, and write it back byte for byte', () => {
    const text = JSON.stringify(written(finding), null, 2) + '\n';
    const t = parseTrace(text);
    expect(t.events.map((e) => e.data)).toEqual([
      { kind: 'WaitGroupAdded', obj: 'WaitGroup#1', delta: 2, counter: 2 },
      {
        kind: 'SelectWaits',
        obj: 'select',
        cases: [
          { op: 'send', obj: 'chan#2', value: '1' },
          { op: 'recv', obj: 'chan#3' },
        ],
      },
      null,
    ]);
    expect(t.finding?.cause).toBeUndefined();
    expect(stringifyTrace(t)).toBe(text);
  });

  it("should keep a finding's cause and race through a file", () => {
    const race = {
      variable: 'shared#1',
      current: { task: 2, write: true, site: 'a.ts:4' },
      previous: { task: 3, write: false, site: null },
    };
    const text = JSON.stringify(written({ ...finding, cause: 'race', race }), null, 2) + '\n';
    const t = parseTrace(text);
    expect(t.finding?.cause).toBe('race');
    expect(t.finding?.race).toEqual(race);
    expect(stringifyTrace(t)).toBe(text);
  });

  it('should leave out a cause it does not know and refuse a malformed race', () => {
    const newer = parseTrace(JSON.stringify(written({ ...finding, cause: 'from-the-future' })));
    expect(newer.finding).not.toHaveProperty('cause');
    const bad = JSON.stringify(written({ ...finding, race: { variable: 'v', current: { task: 1 } } }));
    expect(() => parseTrace(bad, 't.json')).toThrow(/corrupt t\.json: finding\.race\.current\.write/);
  });
});
