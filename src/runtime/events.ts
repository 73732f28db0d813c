/*
 * The one table of event kinds: every kind a run records, named once, each with its typed payload.
 * An event keeps its payload as data (task ids, object labels, numbers, values already rendered by
 * `summarize` when it was emitted) and renderers read those fields. The table also says how each
 * payload is written in the trace's wire form (`obj` and `detail`, the shape trace files and JSON
 * reports have always had), and how that wire form reads back into a payload: the one place where a
 * detail is read as text, for traces written to a file (old ones included) and events built by hand.
 */

/** One case of a select a task blocked in: a send (with the value it offers) or a receive. */
export type SelectCase =
  | { readonly op: 'send'; readonly obj: string; readonly value: string }
  | { readonly op: 'recv'; readonly obj: string };

/** What a lock event does to the lock its object names (explain's "who still holds it"). */
export type LockEffect = 'acquire' | 'release';

type Obj = { readonly obj: string };

/** The payload of each kind. `obj` is the label of the object the event was done to. */
export interface EventPayloads {
  /**
   * `obj`: the new task's label (`task 2 (sender)`); `child` and `name`: its id and name (null when
   * read from a label that names no task, in an event built by hand).
   */
  TaskSpawned: Obj & { readonly child: number | null; readonly name: string | null };
  TaskFinished: object;
  /** What it threw, as a message. */
  TaskPanicked: { readonly message: string };
  FatalError: { readonly message: string };
  /** `obj`: what it blocked on (`select` for a select); `reason`: Go's wait reason (go-texts). */
  TaskBlocked: Obj & { readonly reason: string };
  /** `by`: the duration the virtual clock jumped, formatted (`1s`). */
  ClockAdvanced: { readonly by: string };
  /** `onReceive`: a Go 1.23 timer channel, fired when received from rather than by the clock. */
  TimerFired: Obj & { readonly onReceive: boolean };
  ChanSent: Obj & { readonly value: string };
  /** `value`: null when the receive saw the channel closed. */
  ChanReceived: Obj & { readonly value: string | null };
  ChanClosed: Obj;
  SelectWaits: Obj & { readonly cases: readonly SelectCase[] };
  /** `index`: the case chosen, null for the default case (then `obj` is ''). */
  SelectChose: Obj & { readonly index: number | null };
  WaitGroupAdded: Obj & { readonly delta: number; readonly counter: number };
  WaitGroupWaited: Obj;
  MutexLocked: Obj & { readonly tryLock: boolean };
  MutexUnlocked: Obj;
  MutexTryLockFailed: Obj;
  RWMutexLocked: Obj;
  RWMutexRLocked: Obj;
  RWMutexUnlocked: Obj;
  RWMutexRUnlocked: Obj;
  RWMutexTryLockFailed: Obj;
  RWMutexTryRLockFailed: Obj;
  CondSignaled: Obj;
  CondBroadcast: Obj;
  CondWoke: Obj;
  OnceStarted: Obj;
  OnceDone: Obj;
  VarRead: Obj;
  VarWritten: Obj;
  AtomicLoaded: Obj & { readonly value: string };
  AtomicStored: Obj & { readonly value: string };
  AtomicAdded: Obj & { readonly delta: string; readonly result: string };
  AtomicSwapped: Obj & { readonly old: string; readonly new: string };
  AtomicCompareAndSwapped: Obj & { readonly old: string; readonly new: string; readonly swapped: boolean };
  /** `cause`: the message of the error it was canceled with. */
  ContextCanceled: Obj & { readonly cause: string };
  /** `obj`: the note's label; `value`: null when `note(label)` gave none. */
  Noted: Obj & { readonly value: string | null };
  /** A call of plain async work (scheduled(), external()): `args` as written, `("42")`. */
  CallStarted: Obj & { readonly args: string };
  CallReturned: Obj & { readonly value: string };
  /** `error`: what it rejected with, as a message. */
  CallFailed: Obj & { readonly error: string };
  /** A task resumed after a plain `await` that was a switch point (a rewritten program's). */
  AwaitResumed: object;
  /** `method`: the console method (`log`, `warn`...); `text`: the line it printed. */
  ConsoleLogged: { readonly method: string; readonly text: string };
}

export type EventKind = keyof EventPayloads;

/** An event's payload, tagged with its kind: narrow on `kind`. */
export type EventData = { [K in EventKind]: { readonly kind: K } & EventPayloads[K] }[EventKind];

/** How a kind is written in the wire form and read back from it. */
interface KindSpec<P> {
  /** The wire `detail`; the wire `obj` is the payload's `obj` (or, for the console, its method). */
  readonly detail: (p: P) => string;
  /** The payload from the wire form (a trace file, an event built by hand). */
  readonly read: (obj: string, detail: string) => P;
  readonly lock?: LockEffect;
}

const ARROW = ' → ';
const none = (): string => '';
const onlyObj = (obj: string): Obj => ({ obj });
const plainObj: KindSpec<Obj> = { detail: none, read: onlyObj };

/** `a → b` as its two sides (the second one from the last arrow, as written). */
function sides(detail: string): [string, string] {
  const i = detail.lastIndexOf(ARROW);
  return i < 0 ? [detail, ''] : [detail.slice(0, i), detail.slice(i + ARROW.length)];
}

/** A select case in words: `send 1 on chan#4`, `receive from chan#2`. */
export function selectCaseText(c: SelectCase): string {
  return c.op === 'send' ? `send ${c.value} on ${c.obj}` : `receive from ${c.obj}`;
}

/**
 * A WaitGroup change as it reads: the call and the counter before and after it, `add(-1): 2 → 1`
 * (the wire form keeps `-1 → 1`, delta then counter after, which read as "from -1 to 1").
 */
export function waitGroupChangeText(p: EventPayloads['WaitGroupAdded']): string {
  return `add(${p.delta}): ${p.counter - p.delta}${ARROW}${p.counter}`;
}

function readSelectCase(text: string): SelectCase {
  const send = /^send (.*) on (\S+)$/.exec(text);
  if (send) return { op: 'send', obj: send[2]!, value: send[1]! };
  const recv = /^receive from (\S+)$/.exec(text);
  return { op: 'recv', obj: recv?.[1] ?? '' };
}

function int(text: string | undefined): number {
  const n = Number(text);
  return Number.isFinite(n) ? n : 0;
}

const SPECS: { readonly [K in EventKind]: KindSpec<EventPayloads[K]> } = {
  TaskSpawned: {
    detail: none,
    read: (obj) => {
      const id = /^task (\d+)/.exec(obj);
      const named = /^task \d+ \((.*)\)$/.exec(obj);
      return { obj, child: id ? Number(id[1]) : null, name: named ? named[1]! : null };
    },
  },
  TaskFinished: { detail: none, read: () => ({}) },
  TaskPanicked: { detail: (p) => p.message, read: (_, message) => ({ message }) },
  FatalError: { detail: (p) => p.message, read: (_, message) => ({ message }) },
  TaskBlocked: { detail: (p) => p.reason, read: (obj, reason) => ({ obj, reason }) },
  ClockAdvanced: { detail: (p) => `+${p.by}`, read: (_, d) => ({ by: d.replace(/^\+/, '') }) },
  TimerFired: {
    detail: (p) => (p.onReceive ? 'on receive' : ''),
    read: (obj, d) => ({ obj, onReceive: d === 'on receive' }),
  },
  ChanSent: { detail: (p) => p.value, read: (obj, value) => ({ obj, value }) },
  ChanReceived: {
    detail: (p) => p.value ?? 'closed',
    read: (obj, d) => ({ obj, value: d === 'closed' ? null : d }),
  },
  ChanClosed: plainObj,
  SelectWaits: {
    detail: (p) => p.cases.map(selectCaseText).join(' | '),
    read: (obj, d) => ({ obj, cases: d === '' ? [] : d.split(' | ').map(readSelectCase) }),
  },
  SelectChose: {
    detail: (p) => (p.index === null ? 'default' : `case ${p.index}`),
    read: (obj, d) => ({ obj, index: d === 'default' ? null : int(/^case (\d+)$/.exec(d)?.[1]) }),
  },
  WaitGroupAdded: {
    detail: (p) => `${p.delta}${ARROW}${p.counter}`,
    read: (obj, d) => {
      const [delta, counter] = sides(d);
      return { obj, delta: int(delta), counter: int(counter) };
    },
  },
  WaitGroupWaited: plainObj,
  MutexLocked: {
    detail: (p) => (p.tryLock ? 'tryLock' : ''),
    read: (obj, d) => ({ obj, tryLock: d === 'tryLock' }),
    lock: 'acquire',
  },
  MutexUnlocked: { ...plainObj, lock: 'release' },
  MutexTryLockFailed: plainObj,
  RWMutexLocked: { ...plainObj, lock: 'acquire' },
  RWMutexRLocked: { ...plainObj, lock: 'acquire' },
  RWMutexUnlocked: { ...plainObj, lock: 'release' },
  RWMutexRUnlocked: { ...plainObj, lock: 'release' },
  RWMutexTryLockFailed: plainObj,
  RWMutexTryRLockFailed: plainObj,
  CondSignaled: plainObj,
  CondBroadcast: plainObj,
  CondWoke: plainObj,
  OnceStarted: plainObj,
  OnceDone: plainObj,
  VarRead: plainObj,
  VarWritten: plainObj,
  AtomicLoaded: { detail: (p) => p.value, read: (obj, value) => ({ obj, value }) },
  AtomicStored: { detail: (p) => p.value, read: (obj, value) => ({ obj, value }) },
  AtomicAdded: {
    detail: (p) => `${p.delta}${ARROW}${p.result}`,
    read: (obj, d) => {
      const [delta, result] = sides(d);
      return { obj, delta, result };
    },
  },
  AtomicSwapped: {
    detail: (p) => `${p.old}${ARROW}${p.new}`,
    read: (obj, d) => {
      const [old, next] = sides(d);
      return { obj, old, new: next };
    },
  },
  AtomicCompareAndSwapped: {
    detail: (p) => `${p.old}${ARROW}${p.new}: ${p.swapped}`,
    read: (obj, d) => {
      const swapped = d.endsWith(': true');
      const [old, next] = sides(d.replace(/: (?:true|false)$/, ''));
      return { obj, old, new: next, swapped };
    },
  },
  ContextCanceled: { detail: (p) => p.cause, read: (obj, cause) => ({ obj, cause }) },
  Noted: { detail: (p) => p.value ?? '', read: (obj, d) => ({ obj, value: d === '' ? null : d }) },
  CallStarted: { detail: (p) => p.args, read: (obj, args) => ({ obj, args }) },
  CallReturned: { detail: (p) => p.value, read: (obj, value) => ({ obj, value }) },
  CallFailed: { detail: (p) => p.error, read: (obj, error) => ({ obj, error }) },
  AwaitResumed: { detail: none, read: () => ({}) },
  ConsoleLogged: { detail: (p) => p.text, read: (method, text) => ({ method, text }) },
};

/** Every kind, by name: `EventKind.ChanSent === 'ChanSent'`. */
export const EventKind = Object.fromEntries(Object.keys(SPECS).map((k) => [k, k])) as {
  readonly [K in EventKind]: K;
};

export function isEventKind(name: string): name is EventKind {
  return Object.prototype.hasOwnProperty.call(SPECS, name);
}

/** The wire form of a payload: the `obj` and `detail` strings of a trace file. */
export function wireOf<K extends EventKind>(
  kind: K,
  payload: EventPayloads[K],
): { obj: string; detail: string } {
  const spec = SPECS[kind] as KindSpec<EventPayloads[K]>;
  const p = payload as { obj?: unknown; method?: unknown };
  const obj = typeof p.obj === 'string' ? p.obj : typeof p.method === 'string' ? p.method : '';
  return { obj, detail: spec.detail(payload) };
}

/** The payload of an event read from its wire form; null for a kind this version does not know. */
export function readWire(event: string, obj: string, detail: string): EventData | null {
  if (!isEventKind(event)) return null;
  return { kind: event, ...SPECS[event].read(obj, detail) } as EventData;
}

/** Whether events of `kind` take (acquire) or free (release) the lock `obj` names, if either. */
export function lockEffect(kind: EventKind): LockEffect | null {
  return SPECS[kind].lock ?? null;
}
