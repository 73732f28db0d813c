import { VarState } from '../runtime/happens-before/race.js';
import type { Runtime } from '../runtime/contract.js';
import { requireRuntime } from './chan.js';

/**
 * `track(object)`: an object whose plain reads and writes the race detector watches, as Go's
 * detector watches every memory access. The result is a Proxy over `object`:
 * - a property read (`o.x`, `'x' in o`, a descriptor) is a read of that property, a write
 *   (`o.x = v`, `delete o.x`, `defineProperty`) a write of it; adding or deleting a property also
 *   writes the object's key set, which `Object.keys`/`for…in`/spreading read;
 * - arrays are objects: `a[i]` and `a.length` are properties, so `push` from two tasks races on
 *   `length`, as Go's `append` to a shared slice does;
 * - a Map or Set is one variable, as a Go map is: `get`/`has`/`size`/iteration read it,
 *   `set`/`add`/`delete`/`clear` write it;
 * - objects reached through a tracked object (`o.inner.x`, a Map's values) are tracked too, and the
 *   same object always comes back as the same proxy.
 *
 * What a Proxy cannot see: `#private` fields (a method using them must be called on the original
 * object, where its accesses are not watched), accesses through a reference to the original object
 * kept elsewhere, and identity (`track(o) !== o`). Frozen properties are returned as they are.
 *
 * Accesses are not switch points (like `Shared.get/set`) and capture no stack while exploring. With
 * no detector (free mode, `race: false`) `track` returns `object` itself: production code pays
 * nothing.
 */
export function track<T extends object>(object: T, name?: string): T {
  const rt = requireRuntime('track()');
  if (rt.race === null) return object;
  return new Tracker(rt).wrap(object, name) as T;
}

type Key = string | symbol;

/** The detector's state for one tracked target: one variable per property, plus its key set. */
interface Watched {
  /** `track#3`: the object's label in traces. */
  readonly label: string;
  /** The user's name for it, extended along the path (`cache.entries[2]`), or null. */
  readonly name: string | null;
  readonly props: Map<Key, VarState>;
  /** The key set (a Map or Set: the whole collection). */
  readonly keys: VarState;
}

const MAP_READS = new Set<Key>(['get', 'has', 'forEach', 'entries', 'keys', 'values', Symbol.iterator]);
const MAP_WRITES = new Set<Key>(['set', 'add', 'delete', 'clear']);

/** The proxies of one `track()` call's object graph, with their detector state. */
class Tracker {
  private readonly proxies = new WeakMap<object, object>();
  private readonly watched = new WeakMap<object, Watched>();

  constructor(private readonly rt: Runtime) {}

  wrap(target: object, name: string | undefined): object {
    const known = this.proxies.get(target);
    if (known !== undefined) return known;
    const { label } = this.rt.register('track');
    const keys = new VarState(name ? `${name} (${label})` : label);
    this.watched.set(target, { label, name: name ?? null, props: new Map(), keys });
    const proxy =
      target instanceof Map || target instanceof Set ? this.collection(target) : this.plain(target);
    this.proxies.set(target, proxy);
    return proxy;
  }

  private child(value: unknown, parent: Watched, key: Key): unknown {
    if (value === null || typeof value !== 'object') return value;
    const known = this.proxies.get(value);
    if (known !== undefined) return known;
    return this.wrap(value, `${parent.name ?? parent.label}${keyText(key)}`);
  }

  private variable(w: Watched, key: Key): VarState {
    let v = w.props.get(key);
    if (v === undefined) {
      const path = `${w.name ?? w.label}${keyText(key)}`;
      w.props.set(key, (v = new VarState(w.name ? `${path} (${w.label})` : path)));
    }
    return v;
  }

  private read(w: Watched, v: VarState): void {
    const t = this.rt.accessor(w.label);
    if (t === null) return;
    this.rt.recorder?.emit(this.rt.steps, t.id, 'VarRead', { obj: v.label }, t.site);
    this.rt.raceRead(t, v);
  }

  private write(w: Watched, v: VarState): void {
    const t = this.rt.accessor(w.label);
    if (t === null) return;
    this.rt.recorder?.emit(this.rt.steps, t.id, 'VarWritten', { obj: v.label }, t.site);
    this.rt.raceWrite(t, v);
  }

  private plain(target: object): object {
    const w = this.watched.get(target)!;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the handler's own `this` is Reflect's
    const tracker = this;
    const proxy: object = new Proxy(target, {
      get(o, key, receiver) {
        tracker.read(w, tracker.variable(w, key));
        const value: unknown = Reflect.get(o, key, receiver);
        if (value === null || typeof value !== 'object') return value;
        const d = Reflect.getOwnPropertyDescriptor(o, key);
        if (d !== undefined && d.configurable === false && d.writable === false) return value; // a Proxy invariant
        return tracker.child(value, w, key);
      },
      set(o, key, value, receiver) {
        const setter = hasSetter(o, key);
        // A setter adds no key: only assigning a new data property does.
        if (!setter && !Object.prototype.hasOwnProperty.call(o, key)) tracker.write(w, w.keys);
        tracker.write(w, tracker.variable(w, key));
        // Assigning through the proxy as receiver would ask it for the property's descriptor and
        // define it again (a read and a second write in the trace for one `o.n = 5`): assign to the
        // target itself, unless a setter wants the proxy as its `this` (its own accesses are watched)
        // or the receiver is another object inheriting from this one.
        const direct = receiver === proxy && !setter;
        return direct ? Reflect.set(o, key, value) : Reflect.set(o, key, value, receiver);
      },
      has(o, key) {
        tracker.read(w, tracker.variable(w, key));
        return Reflect.has(o, key);
      },
      deleteProperty(o, key) {
        tracker.write(w, w.keys);
        tracker.write(w, tracker.variable(w, key));
        return Reflect.deleteProperty(o, key);
      },
      defineProperty(o, key, descriptor) {
        if (!Object.prototype.hasOwnProperty.call(o, key)) tracker.write(w, w.keys);
        tracker.write(w, tracker.variable(w, key));
        return Reflect.defineProperty(o, key, descriptor);
      },
      getOwnPropertyDescriptor(o, key) {
        tracker.read(w, tracker.variable(w, key));
        return Reflect.getOwnPropertyDescriptor(o, key);
      },
      ownKeys(o) {
        tracker.read(w, w.keys);
        return Reflect.ownKeys(o);
      },
    });
    return proxy;
  }

  /** A Map or Set: its methods need the real object as `this`, so they are wrapped, not trapped. */
  private collection(target: Map<unknown, unknown> | Set<unknown>): object {
    const w = this.watched.get(target)!;
    const whole = w.keys; // a Go map is one variable: every operation reads or writes all of it
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- used inside the handler
    const tracker = this;
    const methods = new Map<Key, unknown>();
    return new Proxy(target, {
      get(o, key) {
        if (key === 'size') {
          tracker.read(w, whole);
          return o.size;
        }
        const value: unknown = Reflect.get(o, key, o);
        if (typeof value !== 'function') return value;
        let m = methods.get(key);
        if (m === undefined) {
          const fn = value as (...args: unknown[]) => unknown;
          const writes = MAP_WRITES.has(key);
          const reads = MAP_READS.has(key);
          m = function (this: unknown, ...args: unknown[]): unknown {
            if (writes) tracker.write(w, whole);
            else if (reads) tracker.read(w, whole);
            const result = fn.apply(o, args);
            if (key === 'get') return tracker.child(result, w, String(args[0]));
            return result === o ? this : result; // `map.set(...)` chains on the proxy
          };
          methods.set(key, m);
        }
        return m;
      },
    });
  }
}

/** Whether assigning `key` on `o` calls a setter (own or inherited) rather than writing a data property. */
function hasSetter(o: object, key: Key): boolean {
  for (let p: object | null = o; p !== null; p = Reflect.getPrototypeOf(p)) {
    const d = Reflect.getOwnPropertyDescriptor(p, key);
    if (d !== undefined) return d.set !== undefined;
  }
  return false;
}

function keyText(key: Key): string {
  if (typeof key === 'symbol') return `[${String(key)}]`;
  return /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
}
