import { describe, expect, it } from 'vitest';
import { chan, explore, go, program, select, WaitGroup } from '../index.js';
import {
  EventKind,
  readWire,
  wireOf,
  type EventData,
  type EventKind as Kind,
  type EventPayloads,
} from './events.js';
import { eventData, Recorder, wireEvent, type TraceEvent } from './recorder.js';

/** One payload of every kind, with the wire form it has always been written in. */
const samples: { [K in Kind]: [EventPayloads[K], string, string] } = {
  TaskSpawned: [{ obj: 'task 2 (sender)', child: 2, name: 'sender' }, 'task 2 (sender)', ''],
  TaskFinished: [{}, '', ''],
  TaskPanicked: [{ message: 'send on closed channel' }, '', 'send on closed channel'],
  FatalError: [{ message: 'sync: unlock of unlocked mutex' }, '', 'sync: unlock of unlocked mutex'],
  TaskBlocked: [{ obj: 'chan#1', reason: 'chan receive' }, 'chan#1', 'chan receive'],
  ClockAdvanced: [{ by: '1s' }, '', '+1s'],
  TimerFired: [{ obj: 'Timer#1', onReceive: true }, 'Timer#1', 'on receive'],
  ChanSent: [{ obj: 'chan#1', value: "{ a: 'x → y' }" }, 'chan#1', "{ a: 'x → y' }"],
  ChanReceived: [{ obj: 'chan#1', value: null }, 'chan#1', 'closed'],
  ChanClosed: [{ obj: 'chan#1' }, 'chan#1', ''],
  SelectWaits: [
    {
      obj: 'select',
      cases: [
        { op: 'send', obj: 'chan#4', value: '1' },
        { op: 'recv', obj: 'chan#2' },
      ],
    },
    'select',
    'send 1 on chan#4 | receive from chan#2',
  ],
  SelectChose: [{ obj: 'chan#2', index: 1 }, 'chan#2', 'case 1'],
  WaitGroupAdded: [{ obj: 'WaitGroup#1', delta: -1, counter: 2 }, 'WaitGroup#1', '-1 → 2'],
  WaitGroupWaited: [{ obj: 'WaitGroup#1' }, 'WaitGroup#1', ''],
  MutexLocked: [{ obj: 'Mutex#1', tryLock: true }, 'Mutex#1', 'tryLock'],
  MutexUnlocked: [{ obj: 'Mutex#1' }, 'Mutex#1', ''],
  MutexTryLockFailed: [{ obj: 'Mutex#1' }, 'Mutex#1', ''],
  RWMutexLocked: [{ obj: 'RWMutex#1' }, 'RWMutex#1', ''],
  RWMutexRLocked: [{ obj: 'RWMutex#1' }, 'RWMutex#1', ''],
  RWMutexUnlocked: [{ obj: 'RWMutex#1' }, 'RWMutex#1', ''],
  RWMutexRUnlocked: [{ obj: 'RWMutex#1' }, 'RWMutex#1', ''],
  RWMutexTryLockFailed: [{ obj: 'RWMutex#1' }, 'RWMutex#1', ''],
  RWMutexTryRLockFailed: [{ obj: 'RWMutex#1' }, 'RWMutex#1', ''],
  CondSignaled: [{ obj: 'Cond#1' }, 'Cond#1', ''],
  CondBroadcast: [{ obj: 'Cond#1' }, 'Cond#1', ''],
  CondWoke: [{ obj: 'Cond#1' }, 'Cond#1', ''],
  OnceStarted: [{ obj: 'Once#1' }, 'Once#1', ''],
  OnceDone: [{ obj: 'Once#1' }, 'Once#1', ''],
  VarRead: [{ obj: 'shared#1' }, 'shared#1', ''],
  VarWritten: [{ obj: 'shared#1' }, 'shared#1', ''],
  AtomicLoaded: [{ obj: 'atomic.Int#1', value: '3' }, 'atomic.Int#1', '3'],
  AtomicStored: [{ obj: 'atomic.Int#1', value: '3' }, 'atomic.Int#1', '3'],
  AtomicAdded: [{ obj: 'atomic.Int#1', delta: '2', result: '5' }, 'atomic.Int#1', '2 → 5'],
  AtomicSwapped: [{ obj: 'atomic.Int#1', old: '5', new: '6' }, 'atomic.Int#1', '5 → 6'],
  AtomicCompareAndSwapped: [
    { obj: 'atomic.Int#1', old: '6', new: '7', swapped: false },
    'atomic.Int#1',
    '6 → 7: false',
  ],
  ContextCanceled: [{ obj: 'context#1', cause: 'context canceled' }, 'context#1', 'context canceled'],
  Noted: [{ obj: 'balance', value: null }, 'balance', ''],
  CallStarted: [{ obj: 'call#3 (fetchUser)', args: "('42')" }, 'call#3 (fetchUser)', "('42')"],
  CallReturned: [{ obj: 'call#3 (fetchUser)', value: "{ id: '42' }" }, 'call#3 (fetchUser)', "{ id: '42' }"],
  CallFailed: [{ obj: 'call#3', error: "'Error: down'" }, 'call#3', "'Error: down'"],
  AwaitResumed: [{}, '', ''],
  ConsoleLogged: [{ method: 'warn', text: 'two\nlines' }, 'warn', 'two\nlines'],
};

describe('the table of event kinds', () => {
  it('should name every kind once, as itself', () => {
    for (const k of Object.keys(samples)) expect(EventKind[k as Kind]).toBe(k);
    expect(Object.keys(EventKind).sort()).toEqual(Object.keys(samples).sort());
  });

  it.each(Object.entries(samples))('should write %s in its wire form and read it back', (kind, sample) => {
    const [payload, obj, detail] = sample as [EventPayloads[Kind], string, string];
    expect(wireOf(kind as Kind, payload)).toEqual({ obj, detail });
    expect(readWire(kind, obj, detail)).toEqual({ kind, ...payload });
  });

  it('should read a kind it does not know as no payload', () => {
    expect(readWire('SomethingNew', 'x', 'y')).toBeNull();
  });
});

describe('the recorder', () => {
  it('should store the payload as data beside the wire form', () => {
    const r = new Recorder();
    r.emit(3, 2, EventKind.WaitGroupAdded, { obj: 'WaitGroup#1', delta: 1, counter: 2 }, 'a.ts:1');
    const e = r.events[0]!;
    expect(wireEvent(e)).toEqual({
      step: 3,
      task: 2,
      event: 'WaitGroupAdded',
      obj: 'WaitGroup#1',
      detail: '1 → 2',
      site: 'a.ts:1',
    });
    expect(e.data).toEqual({ kind: 'WaitGroupAdded', obj: 'WaitGroup#1', delta: 1, counter: 2 });
  });

  it('should derive the payload of an event built from its wire form alone', () => {
    const e: TraceEvent = {
      step: 1,
      task: 1,
      event: 'ChanReceived',
      obj: 'chan#1',
      detail: 'closed',
      site: null,
    };
    expect(eventData(e)).toEqual({ kind: 'ChanReceived', obj: 'chan#1', value: null });
  });

  it('should record a blocked select as its cases and a WaitGroup as its numbers', async () => {
    const r = await explore(
      program(async () => {
        const a = chan<number>();
        const b = chan<string>();
        const wg = new WaitGroup();
        wg.add(2);
        go(async function helper() {
          wg.done();
        });
        await select([{ send: a, value: 7 }, { recv: b }]);
      }),
      { runs: 1 },
    );
    const data = r.findings[0]!.trace.events.map((e) => e.data) as EventData[];
    const waits = data.find((d) => d.kind === 'SelectWaits');
    expect(waits).toEqual({
      kind: 'SelectWaits',
      obj: 'select',
      cases: [
        { op: 'send', obj: 'chan#1', value: '7' },
        { op: 'recv', obj: 'chan#2' },
      ],
    });
    const added = data.filter((d) => d.kind === 'WaitGroupAdded');
    expect(added.map((d) => [d.delta, d.counter])).toEqual([
      [2, 2],
      [-1, 1],
    ]);
  });
});
