/**
 * Fire-and-forget writes landing out of order. Settings are persisted with an unawaited
 * `setItem` per change; two quick changes are two writes in flight, and nothing says the first
 * lands first, so the stored value can be the older one (localForage/localForage#754: "Will
 * 'foo' guarantee to have a value of '2'?" - no). The fix keeps the writes fire-and-forget for the
 * caller but chains them, so each write starts after the previous one landed.
 */

/** The fake storage: remembers the value of the last write that landed. */
export class FakeStorage {
  stored = '';
  setItem = async (value: string): Promise<void> => {
    this.stored = value;
  };
}

export interface Settings {
  set(theme: string): void;
  /** Resolves when every write started so far has landed (for the check only). */
  flushed(): Promise<void>;
}

/** As first written: each change starts its write and forgets it. */
export class FireAndForgetSettings implements Settings {
  private readonly inFlight: Promise<void>[] = [];
  constructor(private readonly setItem: (value: string) => Promise<void>) {}

  set(theme: string): void {
    this.inFlight.push(this.setItem(theme));
  }

  async flushed(): Promise<void> {
    await Promise.all(this.inFlight);
  }
}

/** Fixed: writes are chained, so they land in the order of the changes. */
export class ChainedSettings implements Settings {
  private last: Promise<void> = Promise.resolve();
  constructor(private readonly setItem: (value: string) => Promise<void>) {}

  set(theme: string): void {
    this.last = this.last.then(() => this.setItem(theme)).catch(() => {});
  }

  flushed(): Promise<void> {
    return this.last;
  }
}

export function checkStoredLast(storage: FakeStorage, last: string): void {
  if (storage.stored !== last) throw new Error(`stored "${storage.stored}" after setting "${last}" last`);
}

/** The user switches theme twice in a row. */
async function twoChanges(make: (setItem: (value: string) => Promise<void>) => Settings): Promise<void> {
  const storage = new FakeStorage();
  const settings = make(scheduled(storage.setItem, { name: 'setItem' }));
  settings.set('dark');
  settings.set('light');
  await settings.flushed();
  checkStoredLast(storage, 'light');
}

export const fireAndForgetSettings = program(() => twoChanges((s) => new FireAndForgetSettings(s)));
export const chainedSettings = program(() => twoChanges((s) => new ChainedSettings(s)));
import { program, scheduled } from 'interleave';
