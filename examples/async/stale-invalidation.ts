/**
 * An invalidation undone by a load in flight. A read-through cache loads a missing key and stores
 * the result; a writer updates the database and invalidates the key. A load that read the old row
 * before the write but finishes after the invalidation stores the old value again, for a whole TTL
 * (kibertoad/layered-loader#414: "an in-flight load resolving after invalidateCacheFor ... wrote its
 * stale result back into the in-memory cache"). The fix fences the write-back: a load stores its
 * result only if no invalidation of the key happened since it started.
 */

/** The fake database: one row. */
export class FakeDatabase {
  row = 'v1';
  load = async (_key: string): Promise<string> => this.row;
  write = async (_key: string, value: string): Promise<void> => {
    this.row = value;
  };
}

export interface ReadThroughCache {
  get(key: string): Promise<string>;
  invalidate(key: string): void;
}

/** As first written: load, then store. */
export class NaiveCache implements ReadThroughCache {
  private readonly entries = new Map<string, string>();
  constructor(private readonly load: (key: string) => Promise<string>) {}

  async get(key: string): Promise<string> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = await this.load(key);
    this.entries.set(key, value);
    return value;
  }

  invalidate(key: string): void {
    this.entries.delete(key);
  }
}

/** Fixed: a load stores its result only if the key was not invalidated while it ran. */
export class FencedCache implements ReadThroughCache {
  private readonly entries = new Map<string, string>();
  private readonly generation = new Map<string, number>();
  constructor(private readonly load: (key: string) => Promise<string>) {}

  async get(key: string): Promise<string> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const started = this.generation.get(key) ?? 0;
    const value = await this.load(key);
    if ((this.generation.get(key) ?? 0) === started) this.entries.set(key, value);
    return value;
  }

  invalidate(key: string): void {
    this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
    this.entries.delete(key);
  }
}

export async function checkFresh(cache: ReadThroughCache, db: FakeDatabase): Promise<void> {
  const cached = await cache.get('price');
  if (cached !== db.row) throw new Error(`cache serves "${cached}" after the row became "${db.row}"`);
}

/** A reader and a writer of the same key, concurrently; then a later read must see the write. */
async function readerAndWriter(
  make: (load: (key: string) => Promise<string>) => ReadThroughCache,
): Promise<void> {
  const db = new FakeDatabase();
  const cache = make(scheduled(db.load, { name: 'load' }));
  const write = scheduled(db.write, { name: 'write' });
  await Promise.all([
    spawn(() => cache.get('price')),
    spawn(async () => {
      await write('price', 'v2');
      cache.invalidate('price');
    }),
  ]);
  await checkFresh(cache, db);
}

export const naiveCache = program(() => readerAndWriter((l) => new NaiveCache(l)));
export const fencedCache = program(() => readerAndWriter((l) => new FencedCache(l)));
import { program, scheduled, spawn } from 'interleave';
