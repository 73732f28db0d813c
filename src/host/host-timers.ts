import { withGlobal } from '@sinonjs/fake-timers';

type InstalledClock = ReturnType<ReturnType<typeof withGlobal>['install']>;
import { EPOCH_MS } from '../base/epoch.js';
import { InterleaveError } from '../base/errors.js';
import { realm } from '../runtime/realm.js';
import type { Run } from '../runtime/contract.js';
import type { Footprint } from '../strategies/strategy.js';
import type { Timer, TimerOwner } from '../runtime/timers.js';

/*
 * Code under test that uses Node's timers sees the run's virtual clock. @sinonjs/fake-timers is
 * installed once per exploration with an explicit list (never nextTick or queueMicrotask: the runtime
 * itself runs on microtasks) and provides Date, performance and hrtime, following the runtime's clock.
 * The timer functions are then replaced by the runtime's own: a callback becomes a timer of the run,
 * due at its virtual time, and runs in a task of its own when the strategy fires it, so the order of
 * callbacks due at one instant is explored like any other choice. Outside a run (between runs, or in
 * the test runner's own code during an exploration) they are the real ones.
 */

const TO_FAKE = [
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'Date',
  'performance',
  'hrtime',
] as const;

// The real functions, captured at import, before any test could fake them.
const real = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
};

const NO_FOOTPRINT: Footprint = [];
/** Node clamps delays outside [1, 2^31 - 1] ms to 1 ms. */
const MAX_DELAY_MS = 2 ** 31 - 1;

function delayNs(ms: unknown, immediate: boolean): number {
  if (immediate) return 0;
  let d = Number(ms);
  if (!(d >= 1 && d <= MAX_DELAY_MS)) d = 1;
  return Math.round(d * 1e6);
}

/** A Node timer callback scheduled on the run's clock; the handle user code gets back. */
class HostTimer implements TimerOwner {
  readonly label: string;
  /** Unref'd, it no longer keeps the run alive, but still fires when due (as in Node). */
  readonly eager = true;
  private refd = true;
  readonly timer: Timer;

  constructor(
    private readonly rt: Run,
    readonly kind: 'setTimeout' | 'setInterval' | 'setImmediate',
    private readonly callback: (...args: unknown[]) => unknown,
    private readonly args: unknown[],
    private readonly interval: number,
    readonly id: number,
  ) {
    this.label = `${kind}#${id}`;
    this.timer = rt.newTimer(this);
  }

  /**
   * Cleared: by clearTimeout (and friends) before its callback started. As in Node, clearing a
   * timer whose time has come but whose callback has not run yet (another callback due at the same
   * instant ran first and cleared it) means it never runs.
   */
  private cleared = false;

  fire(timer: Timer): void {
    if (this.kind === 'setInterval') this.rt.armTimer(timer, timer.when + this.interval, null);
    const creator = this.timer.task;
    const name = `${this.kind}(${this.callback.name || 'anonymous'})`;
    this.rt.spawnFor(creator, firing(this), name, timer.hb);
  }

  /** A firing's task runs the callback, unless the timer was cleared meanwhile. */
  run(): unknown {
    if (this.cleared) return undefined;
    if (this.kind !== 'setInterval') this.rt.hostTimers.delete(this.id);
    return this.callback(...this.args);
  }

  /** clearTimeout and friends: it never fires again, nor runs a callback of a firing already due. */
  clear(): void {
    this.cleared = true;
    this.rt.hostTimers.delete(this.id);
    this.rt.disarmTimer(this.timer);
  }

  /** A ref'd timer keeps the run alive, as it keeps Node's event loop alive. */
  pending(): boolean {
    return this.refd;
  }

  footprint(): Footprint {
    return NO_FOOTPRINT;
  }

  // The Timeout object's methods.
  ref(): this {
    this.refd = true;
    return this;
  }
  unref(): this {
    this.refd = false;
    return this;
  }
  hasRef(): boolean {
    return this.refd;
  }
  refresh(): this {
    if (this.timer.scheduled) this.rt.armTimer(this.timer, this.rt.now + this.interval);
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

/**
 * The body of the task a firing starts. It lets go of the timer once started: the task stays in the
 * run's table until the run ends, and a timer kept as long (with its callback, the promise the
 * callback resolves, its clock) lived through enough young collections that V8 allocated every later
 * timer straight in the old generation (exploreTimers: 41 KB promoted per run, 28 KB without).
 */
function firing(timer: HostTimer): () => unknown {
  let pending: HostTimer | null = timer;
  return () => {
    const t = pending!;
    pending = null;
    return t.run();
  };
}

function schedule(
  kind: HostTimer['kind'],
  callback: unknown,
  ms: unknown,
  args: unknown[],
): HostTimer | ReturnType<typeof real.setTimeout> {
  const rt = realm.rt;
  if (rt === null || rt.ended) {
    const cb = callback as (...a: unknown[]) => void;
    if (kind === 'setImmediate') return real.setImmediate(cb, ...(args as [])) as never;
    if (kind === 'setTimeout') return real.setTimeout(cb, ms as number, ...(args as []));
    return real.setInterval(cb, ms as number, ...(args as []));
  }
  if (typeof callback !== 'function') {
    throw new TypeError(`The "callback" argument must be of type function. Received ${typeof callback}`);
  }
  const id = rt.nextHostTimerId();
  const d = delayNs(ms, kind === 'setImmediate');
  const h = new HostTimer(rt, kind, callback as (...a: unknown[]) => unknown, args, d, id);
  rt.hostTimers.set(id, h);
  rt.armTimer(h.timer, rt.now + d);
  return h;
}

function cancel(handle: unknown, clearReal: (h: never) => void): void {
  const rt = realm.rt;
  if (handle instanceof HostTimer || typeof handle === 'number') {
    if (rt === null) return;
    const h = handle instanceof HostTimer ? handle : (rt.hostTimers.get(handle) as HostTimer | undefined);
    if (!h || rt.hostTimers.get(h.id) !== h) return;
    h.clear();
    return;
  }
  if (handle !== undefined && handle !== null) clearReal(handle as never);
}

const virtual = {
  setTimeout: (cb: unknown, ms?: unknown, ...args: unknown[]) => schedule('setTimeout', cb, ms, args),
  setInterval: (cb: unknown, ms?: unknown, ...args: unknown[]) => schedule('setInterval', cb, ms, args),
  setImmediate: (cb: unknown, ...args: unknown[]) => schedule('setImmediate', cb, 0, args),
  clearTimeout: (h: unknown) => cancel(h, real.clearTimeout),
  clearInterval: (h: unknown) => cancel(h, real.clearInterval),
  clearImmediate: (h: unknown) => cancel(h, real.clearImmediate),
};

/** Whether the global timers are faked by someone else (Vitest's vi.useFakeTimers(), sinon). */
function fakedByOthers(): boolean {
  const g = globalThis as Record<string, unknown>;
  return ['setTimeout', 'Date'].some(
    (k) => typeof (g[k] as { clock?: unknown } | undefined)?.clock === 'object',
  );
}

/** The host's timers and clock, faked for the length of one exploration. */
export class HostClock {
  private readonly clock: InstalledClock;
  private synced = 0;
  private dirty = false;

  private constructor() {
    this.clock = withGlobal(globalThis).install({
      now: EPOCH_MS,
      toFake: [...TO_FAKE],
      shouldClearNativeTimers: false,
    });
    Object.assign(globalThis, virtual);
  }

  /** Install for an exploration; refuses to run under another fake-timer installation. */
  static install(): HostClock {
    if (fakedByOthers()) {
      throw new InterleaveError(
        'explore() was called while timers are faked (vi.useFakeTimers() or sinon): interleave runs its own ' +
          'virtual clock; call vi.useRealTimers() before exploring',
      );
    }
    return new HostClock();
  }

  /** A new run starts at 2000-01-01T00:00:00Z; the faked Date and performance follow its clock. */
  beginRun(rt: Run): void {
    if (this.dirty) {
      this.clock.reset();
      this.synced = 0;
      this.dirty = false;
    }
    rt.followClock((now) => {
      this.clock.tick((now - this.synced) / 1e6);
      this.synced = now;
      this.dirty = true;
    });
  }

  uninstall(): void {
    this.clock.uninstall();
  }
}
