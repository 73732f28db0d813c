/**
 * Lazy initialisation run twice. `getStorage()` checks whether the provider exists, awaits its
 * creation, and only then stores it, so two first requests both create one and the loser's
 * connections leak (libredb/libredb-studio#724, "share one in-flight provider initialization across
 * concurrent first calls"). The fix memoises the in-flight promise, and forgets it if it fails so a
 * later call can retry.
 */

/** The fake database: a second connection is the failure (the first would leak). */
export class FakeDatabase {
  private opened = 0;
  connect = async (): Promise<string> => {
    if (++this.opened > 1) throw new Error('opened a second connection; the first one leaks');
    return 'connection 1';
  };
}

export interface Storage {
  get(): Promise<string>;
}

/** As first written: check, await, store. */
export class LazyStorage implements Storage {
  private connection: string | null = null;
  constructor(private readonly connect: () => Promise<string>) {}

  async get(): Promise<string> {
    if (this.connection === null) this.connection = await this.connect();
    return this.connection;
  }
}

/** Fixed: the in-flight promise is stored before anything is awaited. */
export class MemoisedStorage implements Storage {
  private connection: Promise<string> | null = null;
  constructor(private readonly connect: () => Promise<string>) {}

  get(): Promise<string> {
    if (this.connection === null) {
      const p = this.connect();
      this.connection = p;
      p.catch(() => {
        if (this.connection === p) this.connection = null;
      });
    }
    return this.connection;
  }
}

/** Two requests are the first ones the server handles. */
async function twoFirstRequests(make: (connect: () => Promise<string>) => Storage): Promise<void> {
  const db = new FakeDatabase();
  const storage = make(scheduled(db.connect, { name: 'connect' }));
  await Promise.all([spawn(() => storage.get()), spawn(() => storage.get())]);
}

export const lazyStorage = program(() => twoFirstRequests((c) => new LazyStorage(c)));
export const memoisedStorage = program(() => twoFirstRequests((c) => new MemoisedStorage(c)));
import { program, scheduled, spawn } from 'interleave';
