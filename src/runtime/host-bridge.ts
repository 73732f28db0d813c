/*
 * What a run shares with the host it runs in (Node's timers, Date, Math.random, crypto, the
 * console), seen from the runtime: the host layer (src/host) patches the host for the length of a
 * run and registers Node timer handles here; the runtime knows it only through this bridge.
 */

/** A Node timer handle of the run (setTimeout...): a ref'd one keeps the run alive. */
export interface HostTimerHandle {
  readonly id: number;
  hasRef(): boolean;
}

export class HostBridge {
  /** Node timer handles of this run, by id. */
  readonly timers = new Map<number, HostTimerHandle>();
  private timerIds = 0;
  /** Told whenever the run's clock moves (the faked Date and performance follow it). */
  onClock: ((now: number) => void) | null = null;
  private restore: (() => void) | null = null;

  /** Node timers created in the run so far. */
  get timersCreated(): number {
    return this.timerIds;
  }

  /** The id of the run's next Node timer. */
  nextTimerId(): number {
    return ++this.timerIds;
  }

  /** A ref'd Node timer keeps the program alive, as it keeps Node's event loop alive. */
  timerPending(): boolean {
    for (const h of this.timers.values()) if (h.hasRef()) return true;
    return false;
  }

  /** Patch the host for the run: `patch` returns the function that puts it back. */
  install(patch: () => () => void): void {
    this.restore = patch();
  }

  /** Put the host back (once; the run ended). */
  uninstall(): void {
    const restore = this.restore;
    this.restore = null;
    restore?.();
  }
}
