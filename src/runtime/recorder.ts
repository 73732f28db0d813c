import { types } from 'node:util';
import { realm } from './realm-store.js';
import type { RecordedChoice } from '../strategies/replay.js';
import { AnyRuntime as RunLoop } from './runtime-brand.js';
import { readWire, wireOf, type EventData, type EventKind, type EventPayloads } from './events.js';

/**
 * One thing that happened, in the past-tense vocabulary shared by JSON, terminal and HTML reports
 * (`TaskSpawned`, `ChanSent`, `ChanReceived`, `ChanClosed`, `SelectChose`, `TaskBlocked`, ...; the
 * kinds and their payloads are in events.ts). `event`, `obj` and `detail` are its wire form, what
 * trace files and JSON reports hold; `data` is the same event as typed fields, what renderers read.
 */
export interface TraceEvent {
  readonly step: number;
  /** The task that did it (0: the runtime itself). */
  readonly task: number;
  readonly event: string;
  /** The object it was done to (`chan#2`), or ''. */
  readonly obj: string;
  /** A short summary: the value sent, the case chosen, the wait reason. */
  readonly detail: string;
  readonly site: string | null;
  /**
   * The payload as data. Absent on an event built from its wire form alone (by hand, or by a
   * caller of the public renderers): `eventData` derives it then.
   */
  readonly data?: EventData | null;
}

/** Collects events and choices by stable id. Exists only while replaying a failing schedule. */
export class Recorder {
  readonly events: TraceEvent[] = [];
  readonly choices: RecordedChoice[] = [];

  emit<K extends EventKind>(
    step: number,
    task: number,
    kind: K,
    payload: EventPayloads[K],
    site: string | null,
  ): void {
    const { obj, detail } = wireOf(kind, payload);
    const data = { kind, ...payload } as EventData;
    this.events.push({ step, task, event: kind, obj, detail, site, data });
  }
}

/** An event's payload: its own, else read from its wire form; null for a kind this version does not know. */
export function eventData(e: Pick<TraceEvent, 'event' | 'obj' | 'detail' | 'data'>): EventData | null {
  return e.data !== undefined ? e.data : readWire(e.event, e.obj, e.detail);
}

/** An event's wire form: what a trace file holds (every field but `data`, in their order). */
export function wireEvent(e: TraceEvent): Omit<TraceEvent, 'data'> {
  const { data: _data, ...wire } = e;
  return wire;
}

/**
 * What a run did at one event, for comparing two executions of one schedule: the kind, the task,
 * the object and the step. The detail is display text (a user's value rendered) and is left out:
 * two runs that did the same operations agree, whatever their values print as.
 */
export function sameEventIdentity(a: TraceEvent | undefined, b: TraceEvent | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.step === b.step && a.task === b.task && a.event === b.event && a.obj === b.obj;
}

/** The text of a summarized value, at most this long (longer: cut, with `...`). */
const MAX_TEXT = 60;
/** Characters of a string shown. */
const MAX_STRING = 40;
/** Entries of an array, map, set or object shown. */
const MAX_ITEMS = 5;
/** Levels of nesting shown below the value itself (deeper: `[Object]`). */
const MAX_DEPTH = 1;

/**
 * A short, deterministic rendering of a value for events (never a whole object graph): interleave's
 * own objects by their label (`chan#3`, `Mutex#2`), anything else in the style of `util.inspect`
 * but bounded in depth, entries and length, reading only own data properties (no getter, no proxy
 * trap, no `toString` of the user's runs), so equal values of equal runs always print the same.
 */
export function summarize(value: unknown): string {
  let s: string;
  try {
    s = render(value, 0, []);
  } catch {
    s = '[unprintable value]';
  }
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 3)}...` : s;
}

function render(v: unknown, depth: number, seen: object[]): string {
  if ((typeof v === 'object' || typeof v === 'function') && v !== null && types.isProxy(v)) return '[Proxy]';
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'boolean':
      return String(v);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return `Symbol(${v.description ?? ''})`;
    case 'function':
      return renderFunction(v);
  }
  if (v === null) return 'null';
  const o = v as object;
  const own = interleaveLabel(o);
  if (own !== null) return own;
  if (seen.includes(o)) return '[Circular]';
  const name = constructorName(o);
  if (types.isDate(o)) {
    const t = Date.prototype.getTime.call(o);
    return Number.isNaN(t) ? 'Invalid Date' : Date.prototype.toISOString.call(o);
  }
  if (types.isRegExp(o)) return RegExp.prototype.toString.call(o);
  if (types.isNativeError(o) || o instanceof Error) return renderError(o);
  if (types.isPromise(o)) return 'Promise';
  if (types.isWeakMap(o)) return 'WeakMap';
  if (types.isWeakSet(o)) return 'WeakSet';
  if (types.isAnyArrayBuffer(o)) return `${name ?? 'ArrayBuffer'} { byteLength: ${byteLength(o)} }`;
  if (types.isBoxedPrimitive(o)) return `[${name ?? 'Object'}]`;
  const deeper = depth >= MAX_DEPTH;
  const inner = (x: unknown): string => render(x, depth + 1, [...seen, o]);
  if (Array.isArray(o)) {
    if (o.length === 0) return '[]';
    if (deeper) return '[Array]';
    const shown: string[] = [];
    for (let i = 0; i < o.length && i < MAX_ITEMS; i++) shown.push(inner(ownValue(o, String(i))));
    return `[ ${more(shown, o.length).join(', ')} ]`;
  }
  if (types.isTypedArray(o)) {
    const a = o as unknown as ArrayLike<number | bigint>;
    const prefix = `${name ?? 'TypedArray'}(${a.length})`;
    if (a.length === 0) return `${prefix} []`;
    const shown: string[] = [];
    for (let i = 0; i < a.length && i < MAX_ITEMS; i++) shown.push(render(a[i], depth + 1, seen));
    return `${prefix} [ ${more(shown, a.length).join(', ')} ]`;
  }
  if (types.isMap(o)) {
    const m = o;
    const size = sizeOf(Map.prototype, m);
    const prefix = `${name ?? 'Map'}(${size})`;
    if (size === 0) return `${prefix} {}`;
    if (deeper) return `[${prefix}]`;
    const shown: string[] = [];
    for (const [k, x] of Map.prototype.entries.call(m)) {
      if (shown.length >= MAX_ITEMS) break;
      shown.push(`${inner(k)} => ${inner(x)}`);
    }
    return `${prefix} { ${more(shown, size).join(', ')} }`;
  }
  if (types.isSet(o)) {
    const st = o;
    const size = sizeOf(Set.prototype, st);
    const prefix = `${name ?? 'Set'}(${size})`;
    if (size === 0) return `${prefix} {}`;
    if (deeper) return `[${prefix}]`;
    const shown: string[] = [];
    for (const x of Set.prototype.values.call(st)) {
      if (shown.length >= MAX_ITEMS) break;
      shown.push(inner(x));
    }
    return `${prefix} { ${more(shown, size).join(', ')} }`;
  }
  const prefix = name === 'Object' ? '' : name === null ? '[Object: null prototype] ' : `${name} `;
  const keys = Object.keys(o);
  if (keys.length === 0) return `${prefix}{}`;
  if (deeper) return `[${name ?? 'Object'}]`;
  const shown: string[] = [];
  for (let i = 0; i < keys.length && i < MAX_ITEMS; i++) {
    const k = keys[i]!;
    const d = Object.getOwnPropertyDescriptor(o, k);
    const text =
      d === undefined
        ? 'undefined'
        : 'value' in d
          ? inner(d.value)
          : d.get && d.set
            ? '[Getter/Setter]'
            : d.get
              ? '[Getter]'
              : '[Setter]';
    shown.push(`${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k)}: ${text}`);
  }
  return `${prefix}{ ${more(shown, keys.length).join(', ')} }`;
}

/**
 * The label of one of interleave's objects (a channel, a mutex, a shared cell...: anything owned
 * by a run, `chan#3`), or null. Never looks further into it: its fields are the runtime's.
 */
function interleaveLabel(o: object): string | null {
  if (isRuntime(o)) return '[interleave run]';
  if (!isRuntime(ownValue(o, 'rt'))) return null;
  const label = ownValue(o, 'label');
  return typeof label === 'string' ? label : `[${constructorName(o) ?? 'interleave object'}]`;
}

/**
 * Whether `x` is a run (of any run of this process, the one in flight or an earlier one whose
 * objects a program kept). Another copy of interleave loaded beside this one (an ESM and a
 * CommonJS copy) has its own classes: its runs are recognized by sharing a prototype with the run
 * in flight, which both copies find on globalThis.
 */
function isRuntime(x: unknown): boolean {
  if (x instanceof RunLoop) return true;
  if (typeof x !== 'object' || x === null || types.isProxy(x)) return false;
  const current = realm.rt ?? realm.last;
  if (current === null) return false;
  const proto = Object.getPrototypeOf(x) as object | null;
  return proto !== null && proto !== Object.prototype && Object.prototype.isPrototypeOf.call(proto, current);
}

/** An own data property's value, without calling a getter (undefined for anything else). */
function ownValue(o: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(o, key);
  return d !== undefined && 'value' in d ? d.value : undefined;
}

/** The name of the class that made `o` (`'Object'` for a literal), null for no prototype. */
function constructorName(o: object): string | null {
  const proto = Object.getPrototypeOf(o) as object | null;
  if (proto === null) return null;
  const ctor = ownValue(proto, 'constructor');
  if (typeof ctor !== 'function') return 'Object';
  const name = ownValue(ctor, 'name');
  return typeof name === 'string' && name !== '' ? name : 'Object';
}

function renderFunction(f: object): string {
  const name = ownValue(f, 'name');
  const shown = typeof name === 'string' && name !== '' ? `: ${name}` : ' (anonymous)';
  const source = Function.prototype.toString.call(f);
  return source.startsWith('class') ? `[class${shown.replace(':', '')}]` : `[Function${shown}]`;
}

function renderError(e: object): string {
  const message = ownValue(e, 'message');
  const name = constructorName(e) ?? 'Error';
  return typeof message === 'string' && message !== '' ? `${name}: ${clip(message)}` : `[${name}]`;
}

function byteLength(b: object): number {
  return types.isSharedArrayBuffer(b) ? b.byteLength : (b as ArrayBuffer).byteLength;
}

/** A map's or set's size through the built-in getter (a subclass cannot override what is shown). */
function sizeOf(proto: object, o: object): number {
  const d = Object.getOwnPropertyDescriptor(proto, 'size')!;
  return d.get!.call(o) as number;
}

/** `shown`, with `... N more items` when the container held more. */
function more(shown: string[], total: number): string[] {
  return total > shown.length ? [...shown, `... ${total - shown.length} more items`] : shown;
}

/** A string in single quotes, escaped (control characters never reach a terminal raw), clipped. */
function quote(s: string): string {
  const escaped = JSON.stringify(clip(s))
    .slice(1, -1)
    .replace(/\\"/g, '"')
    .replace(/'/g, "\\'")
    .replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `'${escaped}'${s.length > MAX_STRING ? '...' : ''}`;
}

function clip(s: string): string {
  return s.length > MAX_STRING ? s.slice(0, MAX_STRING) : s;
}
