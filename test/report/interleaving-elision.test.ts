import { describe, expect, it } from 'vitest';
import type { TaskSnapshot } from '../../src/checker/findings.js';
import { renderInterleaving } from '../../src/report/interleaving.js';
import type { TraceEvent } from '../../src/runtime/recorder.js';

/** A ping-pong of `steps` steps between tasks 1 and 2, task 2 blocking for good at the end. */
function longTrace(steps: number): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (let s = 1; s <= steps; s++) {
    const task = (s % 2) + 1;
    events.push({ step: s, task, event: 'ChanSent', obj: 'chan#1', detail: String(s), site: null });
  }
  events.push({
    step: steps,
    task: 2,
    event: 'TaskBlocked',
    obj: 'chan#1',
    detail: 'chan receive',
    site: null,
  });
  return events;
}

const leaked: TaskSnapshot = { id: 2, state: 'blocked' } as TaskSnapshot;

describe('renderInterleaving of a long trace', () => {
  it('should show a short trace whole', () => {
    const out = renderInterleaving({ events: longTrace(50) });
    expect(out).not.toContain('elided');
    expect(out.split('\n').length).toBeGreaterThan(50);
  });

  it('should summarise 100,000 steps: first and last rows, the culprit, one line per gap', () => {
    const started = performance.now();
    const out = renderInterleaving({
      events: longTrace(100_000),
      finding: { kind: 'leak', task: null, tasks: [leaked] },
      tracePath: 'reports/leak-1.json',
    });
    const lines = out.split('\n');
    expect(lines.length).toBeLessThan(200);
    expect(out).toMatch(/^\s+1\s+ChanSent chan#1: 1$/m);
    expect(out).toContain('ChanSent chan#1: 100000');
    expect(out).toMatch(/^>\* 100000 .*TaskBlocked chan#1: chan receive$/m);
    const gap = lines.filter((l) => l.includes('elided'));
    expect(gap).toEqual([
      '   … 99,881 steps elided (steps 61–99,941, 99881 events; full trace: reports/leak-1.json, interleave report for HTML) …',
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('should keep culprit rows in the middle, each with its context, between two gaps', () => {
    const events = longTrace(10_000);
    const mid = events.findIndex((e) => e.step === 5_000);
    events[mid] = { ...events[mid]!, task: 3, event: 'TaskBlocked', detail: 'chan send' };
    const out = renderInterleaving({
      events,
      finding: { kind: 'deadlock', task: null, tasks: [{ id: 3, state: 'blocked' } as TaskSnapshot] },
    });
    expect(out.split('\n').filter((l) => l.includes('elided'))).toHaveLength(2);
    expect(out).toMatch(/\* +5000 .*TaskBlocked chan#1: chan send/);
    expect(out).toContain('full trace: reports/….json, interleave report for HTML');
  });
});
