import type { Finding, TaskSnapshot } from '../../src/checker/findings.js';
import type { TraceEvent } from '../../src/scheduler/recorder.js';

/*
 * Hand-written findings and events, shaped as the core records them, so that the golden files
 * change only when the renderers do.
 */

const task = (t: Partial<TaskSnapshot> & Pick<TaskSnapshot, 'id' | 'name'>): TaskSnapshot => ({
  stableId: t.id === 1 ? 'main' : `main/${t.name}`,
  state: 'blocked',
  waitReason: 'chan receive',
  site: null,
  spawnSite: null,
  parent: t.id === 1 ? null : 1,
  parentName: t.id === 1 ? null : 'main',
  ...t,
});

const ev = (
  step: number,
  taskId: number,
  event: string,
  obj = '',
  detail = '',
  site: string | null = null,
): TraceEvent => ({
  step,
  task: taskId,
  event,
  obj,
  detail,
  site,
});

export const deadlock: Finding = {
  kind: 'deadlock',
  message: 'fatal error: all goroutines are asleep - deadlock!',
  summary:
    'every task is blocked: task 1 (main) [chan receive] on chan#1; task 2 (sender) [chan send] on chan#2',
  tasks: [
    task({
      id: 2,
      name: 'sender',
      waitReason: 'chan send',
      site: 'examples/d1.ts:7',
      spawnSite: 'examples/d1.ts:6',
    }),
    task({ id: 1, name: 'main', site: 'examples/d1.ts:9' }),
  ],
  task: null,
  stack: null,
  step: 4,
};

export const deadlockEvents: TraceEvent[] = [
  ev(0, 0, 'TaskSpawned', 'task 1 (main)'),
  ev(1, 1, 'TaskSpawned', 'task 2 (sender)', '', 'examples/d1.ts:6'),
  ev(3, 2, 'TaskBlocked', 'chan#2', 'chan send', 'examples/d1.ts:7'),
  ev(4, 1, 'TaskBlocked', 'chan#1', 'chan receive', 'examples/d1.ts:9'),
];

export const panic: Finding = {
  kind: 'panic',
  message: 'panic: send on closed channel',
  summary: 'task 3 (late) panicked: send on closed channel',
  tasks: [
    task({ id: 1, name: 'main', state: 'runnable', waitReason: 'recv', site: 'examples/p.ts:12' }),
    task({
      id: 2,
      name: 'worker',
      waitReason: 'select',
      site: 'examples/p.ts:5',
      spawnSite: 'examples/p.ts:4',
    }),
    task({
      id: 3,
      name: 'late',
      state: 'running',
      waitReason: 'send',
      site: 'examples/p.ts:9',
      spawnSite: 'examples/p.ts:8',
    }),
  ],
  task: 3,
  stack: 'GoPanic: send on closed channel\n    at late (examples/p.ts:9:14)',
  step: 6,
};

export const panicEvents: TraceEvent[] = [
  ev(0, 0, 'TaskSpawned', 'task 1 (main)'),
  ev(1, 1, 'TaskSpawned', 'task 2 (worker)', '', 'examples/p.ts:4'),
  ev(1, 1, 'TaskSpawned', 'task 3 (late)', '', 'examples/p.ts:8'),
  ev(2, 2, 'SelectChose', 'chan#2', 'case 1', 'examples/p.ts:5'),
  ev(3, 1, 'ChanSent', 'chan#1', "{ id: 7, payload: 'a fairly long string value' }", 'examples/p.ts:11'),
  ev(3, 2, 'ChanReceived', 'chan#1', "{ id: 7, payload: 'a fairly long string value' }", 'examples/p.ts:5'),
  ev(4, 1, 'ChanClosed', 'chan#1', '', 'examples/p.ts:12'),
  ev(5, 0, 'TimerFired', 'timer#1', ''),
  ev(6, 3, 'TaskPanicked', '', 'send on closed channel', 'examples/p.ts:9'),
];

export const leak: Finding = {
  kind: 'leak',
  message: 'leak: 1 task blocked forever after main returned',
  summary: 'blocked forever: task 2 (worker) [chan send (nil chan)] on nil',
  tasks: [
    task({
      id: 2,
      name: 'worker',
      waitReason: 'chan send (nil chan)',
      site: null,
      spawnSite: null,
      parentName: null,
    }),
  ],
  task: null,
  stack: null,
  step: 3,
};
