import type { HostClock } from '../host/host-timers.js';
import { realm } from '../runtime/realm.js';
import { stopListening } from '../runtime/rejections.js';
import type { ExplorerRuntime } from '../runtime/explorer-runtime.js';
import type { RunOutcome } from '../runtime/run-options.js';
import { DrainProbe } from './drain-probe.js';

// Captured at import, before any test could fake timers: these are the real event loop's.
const realSetImmediate = globalThis.setImmediate;
const realNow = performance.now.bind(performance);

/** How long an exploration runs before yielding to the real event loop (Vitest timeouts, Ctrl-C). */
const SLICE_MS = 20;

/**
 * Runs runs, one after another, on the real event loop. A run is pure microtask work, so a macrotask
 * that fires while a run is in flight means no task moved for a whole turn of the event loop (the
 * setImmediate rule of DESIGN.md): the runtime decides what that means (ExplorerRuntime.macrotask).
 */
export class Driver {
  constructor(private readonly host: HostClock) {}

  private armed = false;
  private probing = false;
  private sliceStart = realNow();

  /** The run in flight saw a turn of the event loop, or the drain: it decides; watch on if it goes on. */
  private decide(): void {
    const rt = realm.rt;
    if (rt && !rt.ended && rt.macrotask() && !rt.ended) this.arm();
  }

  private readonly watch = (): void => {
    this.armed = false;
    this.decide();
  };

  /** The same decision, taken the moment the microtask queue drains (drain-probe.ts). */
  private readonly drained = (): void => {
    this.probing = false;
    this.decide();
  };
  private readonly probe = new DrainProbe(this.drained);

  /**
   * Watch the run in flight: at the drain of the microtask queue (the probe, exact), and at the next
   * macrotask (the backstop, for a drain the probe's tick cannot see).
   */
  private arm(): void {
    if (!this.probing) {
      this.probing = true;
      this.probe.arm();
    }
    if (this.armed) return;
    this.armed = true;
    realSetImmediate(this.watch);
  }

  /** Runs one run. No async wrapper: a run costs no more hops than its own steps. */
  execute(rt: ExplorerRuntime, main: () => unknown): Promise<RunOutcome> {
    this.host.beginRun(rt);
    if (realNow() - this.sliceStart > SLICE_MS)
      return this.yieldToEventLoop().then(() => this.start(rt, main));
    return this.start(rt, main);
  }

  /**
   * The watcher is armed as the run starts, never before a yield: armed before, it would fire during
   * the yield, find no run, and leave the run that follows unwatched (a stuck task would hang).
   */
  private start(rt: ExplorerRuntime, main: () => unknown): Promise<RunOutcome> {
    this.arm();
    return rt.execute(main);
  }

  async yieldToEventLoop(): Promise<void> {
    stopListening(); // the event loop turns: a rejection outside any run is Node's to handle
    await new Promise((resolve) => realSetImmediate(resolve));
    this.sliceStart = realNow();
  }
}
