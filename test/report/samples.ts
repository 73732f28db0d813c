import type { Finding, TaskSnapshot } from '../../src/checker/findings.js';
import type { TraceEvent } from '../../src/runtime/recorder.js';
import type { ProgramLocator, Trace } from '../../src/explore/trace.js';

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
  ev(3, 2, 'Noted', 'received', '{ id: 7 }', 'examples/p.ts:6'),
  ev(4, 1, 'ChanClosed', 'chan#1', '', 'examples/p.ts:12'),
  ev(4, 1, 'ConsoleLogged', 'log', 'closed the jobs\nwaiting for late', null),
  ev(5, 0, 'TimerFired', 'timer#1', ''),
  ev(5, 2, 'ChanReceived', 'chan#1', 'closed', 'examples/p.ts:5'),
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

export const leakEvents: TraceEvent[] = [
  ev(0, 0, 'TaskSpawned', 'task 1 (main)'),
  ev(1, 1, 'TaskSpawned', 'task 2 (worker)'),
  ev(1, 1, 'Noted', 'started'),
  ev(2, 2, 'ConsoleLogged', 'error', 'worker: no channel configured, sending to nil', null),
  ev(2, 2, 'TaskBlocked', 'nil', 'chan send (nil chan)'),
  ev(3, 1, 'TaskSpawned', 'task 3 (setTimeout(anonymous))'),
  ev(3, 1, 'TaskFinished'),
  ev(4, 0, 'ClockAdvanced', '', '10ms'),
  ev(4, 3, 'Noted', 'retries', '3'),
  ev(4, 3, 'TaskFinished'),
];

/**
 * A value a program might send: it must come out of every report inert, never as markup.
 */
export const HOSTILE = '</script><script>alert(1)</script>';

/** A schedule with every kind of edge the HTML report draws, and values to escape. */
export const handoff: Finding = {
  kind: 'panic',
  message: 'panic: send on closed channel',
  summary: 'task 2 (producer) panicked: send on closed channel',
  tasks: [
    task({ id: 1, name: 'main', state: 'runnable', waitReason: 'sleep', site: 'examples/h.ts:20' }),
    task({
      id: 2,
      name: 'producer',
      state: 'running',
      waitReason: 'send',
      site: 'examples/h.ts:9',
      spawnSite: 'examples/h.ts:6',
    }),
  ],
  task: 2,
  stack: 'send()\n\texamples/h.ts:9',
  step: 9,
};

export const handoffEvents: TraceEvent[] = [
  ev(0, 0, 'TaskSpawned', 'task 1 (main)'),
  ev(1, 1, 'Noted', 'balance', '100', 'examples/h.ts:5'),
  ev(1, 1, 'TaskSpawned', 'task 2 (producer)', '', 'examples/h.ts:6'),
  ev(1, 1, 'TaskSpawned', 'task 3 (<b>consumer</b>)', '', 'examples/h.ts:12'),
  ev(2, 2, 'ConsoleLogged', 'log', `producing ${HOSTILE}`, null),
  ev(3, 2, 'TaskBlocked', 'chan#1', 'chan send', 'examples/h.ts:8'),
  ev(4, 3, 'ChanReceived', 'chan#1', `'${HOSTILE}'`, 'examples/h.ts:13'),
  ev(4, 2, 'ChanSent', 'chan#1', `'${HOSTILE}'`, 'examples/h.ts:8'),
  ev(5, 3, 'MutexLocked', 'Mutex#1', '', 'examples/h.ts:14'),
  ev(5, 3, 'MutexUnlocked', 'Mutex#1', '', 'examples/h.ts:15'),
  ev(5, 3, 'TaskFinished'),
  ev(6, 1, 'MutexLocked', 'Mutex#1', '', 'examples/h.ts:17'),
  ev(6, 1, 'ChanClosed', 'chan#2', '', 'examples/h.ts:18'),
  ev(7, 0, 'TimerFired', 'timer#1', ''),
  ev(7, 2, 'ChanReceived', 'chan#2', 'closed', 'examples/h.ts:9'),
  ev(7, 2, 'Noted', HOSTILE, `"${HOSTILE}" & 'more'`, 'examples/h.ts:9'),
  ev(8, 1, 'ChanSent', 'chan#3', '1', 'examples/h.ts:19'),
  ev(8, 2, 'ChanReceived', 'chan#3', '1', 'examples/h.ts:9'),
  ev(9, 2, 'TaskPanicked', '', 'send on closed channel', 'examples/h.ts:9'),
];

/** A whole trace around sample events, as explore() would write it. */
export function traceOf(
  events: readonly TraceEvent[],
  finding: Finding | null,
  program: ProgramLocator | null = { file: 'examples/h.ts', export: 'main' },
): Trace {
  return {
    format: 'interleave-trace',
    version: 1,
    program,
    options: {
      maxSteps: 10000,
      graceSteps: 1000,
      mode: 'test',
      seed: 1,
      graceTime: 60_000_000_000,
      timeJumps: 'due',
      compat: false,
      race: true,
    },
    strategy: { name: 'random', params: { seed: 1 } },
    run: 3,
    choices: [
      { step: 1, kind: 'task', id: 'main/producer' },
      { step: 2, kind: 'task', id: 'main' },
    ],
    events,
    finding,
  };
}

/** The hand-offs of a trace, counted the way a reader would: a send and a receive, one channel, one step. */
export function countHandoffs(events: readonly TraceEvent[]): number {
  let n = 0;
  const steps = new Set(events.map((e) => e.step));
  for (const step of steps) {
    const at = events.filter((e) => e.step === step);
    for (const obj of new Set(at.map((e) => e.obj))) {
      const sent = at.filter((e) => e.obj === obj && e.event === 'ChanSent').length;
      const received = at.filter((e) => e.obj === obj && e.event === 'ChanReceived').length;
      n += Math.min(sent, received);
    }
  }
  return n;
}
