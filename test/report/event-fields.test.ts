import { describe, expect, it } from 'vitest';
import type { Finding, TaskSnapshot } from '../../src/checker/findings.js';
import type { EventData } from '../../src/runtime/events.js';
import type { TraceEvent } from '../../src/runtime/recorder.js';
import { explain } from '../../src/report/explain.js';
import { buildTimeline } from '../../src/report/html/model.js';
import { taskLabels } from '../../src/report/interleaving.js';

/*
 * Renderers read an event's payload, not its text: each event below carries its payload and an
 * empty detail, so a renderer that still parsed the detail would find nothing to say.
 */

const ev = (
  step: number,
  task: number,
  data: EventData,
  obj = 'obj' in data ? data.obj : '',
): TraceEvent => ({
  step,
  task,
  event: data.kind,
  obj,
  detail: '',
  site: null,
  data,
});

const task = (id: number, name: string, waitReason: string): TaskSnapshot => ({
  id,
  name,
  stableId: id === 1 ? 'main' : `main/${name}`,
  state: 'blocked',
  waitReason,
  site: null,
  spawnSite: null,
  parent: id === 1 ? null : 1,
  parentName: id === 1 ? null : 'main',
});

const deadlock = (tasks: TaskSnapshot[]): Finding => ({
  kind: 'deadlock',
  message: 'fatal error: all goroutines are asleep - deadlock!',
  summary: 'every task is blocked',
  tasks,
  task: null,
  stack: null,
  step: 9,
  cause: 'deadlock',
});

describe('renderers read event fields', () => {
  it('should tell a blocked select from its cases array', () => {
    const events = [
      ev(1, 0, { kind: 'TaskSpawned', obj: 'task 1 (main)', child: 1, name: 'main' }),
      ev(2, 1, {
        kind: 'SelectWaits',
        obj: 'select',
        cases: [
          { op: 'send', obj: 'chan#4', value: '1' },
          { op: 'recv', obj: 'chan#2' },
        ],
      }),
      ev(2, 1, { kind: 'TaskBlocked', obj: 'select', reason: 'select' }),
    ];
    const text = explain({ events, finding: deadlock([task(1, 'main', 'select')]) });
    expect(text).toContain('waits to complete a select (send 1 on chan#4, or receive from chan#2)');
    expect(text).toContain('nobody receives from chan#4; nobody sends on chan#2 or closes it');
  });

  it('should give a WaitGroup counter from its numbers and a lock holder from the kinds', () => {
    const events = [
      ev(1, 1, { kind: 'WaitGroupAdded', obj: 'WaitGroup#1', delta: 2, counter: 2 }),
      ev(2, 1, { kind: 'WaitGroupAdded', obj: 'WaitGroup#1', delta: -1, counter: 1 }),
      ev(3, 2, { kind: 'MutexLocked', obj: 'Mutex#2', tryLock: false }),
      ev(4, 1, { kind: 'TaskBlocked', obj: 'WaitGroup#1', reason: 'sync.WaitGroup.Wait' }),
      ev(5, 2, { kind: 'TaskBlocked', obj: 'Mutex#2', reason: 'sync.Mutex.Lock' }),
    ];
    const text = explain({
      events,
      finding: deadlock([task(1, 'main', 'sync.WaitGroup.Wait'), task(2, 'locker', 'sync.Mutex.Lock')]),
    });
    expect(text).toContain('nobody calls done() on WaitGroup#1 (its counter is 1)');
    expect(text).toContain('called add(-1) on WaitGroup#1 (counter 2 → 1)');
    expect(text).toContain(
      'Mutex#2 is never unlocked: task 2 (locker) locked it at step 3 and still holds it',
    );
  });

  it('should take lanes from spawn payloads and a close edge from a receive that saw the channel closed', () => {
    const events = [
      ev(1, 1, { kind: 'TaskSpawned', obj: 'task 2 (closer)', child: 2, name: 'closer' }),
      ev(2, 2, { kind: 'ChanClosed', obj: 'chan#1' }),
      ev(3, 1, { kind: 'ChanReceived', obj: 'chan#1', value: null }),
    ];
    expect([...taskLabels(events)]).toEqual([[2, 'task 2 (closer)']]);
    const t = buildTimeline(events, null);
    expect(t.lanes.map((l) => [l.id, l.name])).toEqual([
      [1, null],
      [2, 'closer'],
    ]);
    expect(t.edges).toEqual([
      { kind: 'spawn', from: 0, to: 1 },
      { kind: 'close', from: 1, to: 2 },
    ]);
  });
});
