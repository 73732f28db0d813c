/**
 * The corpus under fast-check's scheduler, written as a fast-check user would: every fake I/O
 * function goes through `s.scheduleFunction`, concurrent callers are plain calls (a later event is
 * a call chained on `s.schedule(...)`), `await s.waitIdle()` releases everything, then the same
 * invariant as the interleave program is checked. Each harness takes the buggy or the fixed code.
 */
import fc from 'fast-check';
import { FakeUserService, UserCache, DedupingUserCache } from '../examples/async/user-cache.js';
import {
  LatestSearchBox,
  NaiveSearchBox,
  checkShowsLatest,
  searchService,
} from '../examples/async/search-box.js';
import { FakeAuthServer, RefreshingClient, SingleRefreshClient } from '../examples/async/token-refresh.js';
import {
  FakeDocumentStore,
  SkippingSaver,
  TrailingSaver,
  checkSavedLast,
} from '../examples/async/autosave.js';
import { CheckThenCountLimiter, CountFirstLimiter, FakeWorkerPool } from '../examples/async/job-limiter.js';
import {
  FakeDatabase as FakeSqlDatabase,
  LazyStorage,
  MemoisedStorage,
} from '../examples/async/lazy-connection.js';
import { FakeDatabase, FencedCache, NaiveCache, checkFresh } from '../examples/async/stale-invalidation.js';
import {
  ChainedSettings,
  FakeStorage,
  FireAndForgetSettings,
  checkStoredLast,
} from '../examples/async/unordered-writes.js';
import { FakeLedger, LockedShop, RacyShop, checkBalance } from '../examples/async/shop-balance.js';
import { FakeApi, eagerQueue, serialQueue } from '../examples/async/call-queue.js';

/** One scenario's fast-check harness: runs one schedule, throws when the invariant breaks. */
export type FcHarness = (s: fc.Scheduler, fixed: boolean) => Promise<void>;

/** Settles `all` after releasing every scheduled task, so a rejection is the property's failure. */
async function settle(s: fc.Scheduler, all: Promise<unknown>): Promise<void> {
  const outcome = all.then(
    () => null,
    (e: unknown) => e,
  );
  await s.waitIdle();
  const error = await outcome;
  if (error !== null) throw error;
}

/** A call made as a later event: it starts when the scheduler releases it. */
function later<T>(s: fc.Scheduler, label: string, fn: () => Promise<T>): Promise<T> {
  return s.schedule(Promise.resolve(label), label).then(fn);
}

export const fcHarnesses: Readonly<Record<string, FcHarness>> = {
  'user-cache': async (s, fixed) => {
    const service = new FakeUserService();
    const fetchUser = s.scheduleFunction((id: string) => service.fetchUser(id));
    const cache = fixed ? new DedupingUserCache({ fetchUser }) : new UserCache({ fetchUser });
    await settle(s, Promise.all([cache.getUser('42'), cache.getUser('42')]));
  },
  'search-box': async (s, fixed) => {
    const search = s.scheduleFunction(searchService);
    const box = fixed ? new LatestSearchBox(search) : new NaiveSearchBox(search);
    await settle(s, Promise.all([box.type('a'), box.type('ab')]));
    checkShowsLatest(box, 'ab');
  },
  'token-refresh': async (s, fixed) => {
    const refresh = s.scheduleFunction(new FakeAuthServer().refresh);
    const client = fixed ? new SingleRefreshClient(refresh) : new RefreshingClient(refresh);
    await settle(s, Promise.all([client.get('/profile'), client.get('/orders')]));
  },
  autosave: async (s, fixed) => {
    const store = new FakeDocumentStore();
    const write = s.scheduleFunction(store.write);
    const saver = fixed ? new TrailingSaver(write) : new SkippingSaver(write);
    const first = saver.change('h');
    await settle(s, Promise.all([first, later(s, 'keystroke "he"', () => saver.change('he'))]));
    checkSavedLast(store, 'he');
  },
  'job-limiter': async (s, fixed) => {
    const pool = new FakeWorkerPool();
    pool.reserve = s.scheduleFunction(pool.reserve);
    pool.run = s.scheduleFunction(pool.run);
    const limiter = fixed ? new CountFirstLimiter(pool) : new CheckThenCountLimiter(pool);
    await settle(s, Promise.all([limiter.submit('job A'), limiter.submit('job B')]));
  },
  'lazy-connection': async (s, fixed) => {
    const connect = s.scheduleFunction(new FakeSqlDatabase().connect);
    const storage = fixed ? new MemoisedStorage(connect) : new LazyStorage(connect);
    await settle(s, Promise.all([storage.get(), storage.get()]));
  },
  'stale-invalidation': async (s, fixed) => {
    const db = new FakeDatabase();
    const load = s.scheduleFunction(db.load);
    const write = s.scheduleFunction(db.write);
    const cache = fixed ? new FencedCache(load) : new NaiveCache(load);
    const reader = cache.get('price');
    const writer = write('price', 'v2').then(() => cache.invalidate('price'));
    await settle(s, Promise.all([reader, writer]));
    await settle(s, checkFresh(cache, db));
  },
  'unordered-writes': async (s, fixed) => {
    const storage = new FakeStorage();
    // scheduleFunction runs the body at once and delays only the answer, so the write would land
    // at call time: the write is applied when the scheduler releases it, as a network store's is.
    const setItem = (value: string): Promise<void> =>
      s.schedule(Promise.resolve(value), `setItem("${value}")`).then(storage.setItem);
    const settings = fixed ? new ChainedSettings(setItem) : new FireAndForgetSettings(setItem);
    settings.set('dark');
    settings.set('light');
    await settle(s, settings.flushed());
    checkStoredLast(storage, 'light');
  },
  'shop-balance': async (s, fixed) => {
    const ledger = new FakeLedger();
    const io = { load: s.scheduleFunction(ledger.load), save: s.scheduleFunction(ledger.save) };
    const shop = fixed ? new LockedShop(io) : new RacyShop(io);
    await settle(s, Promise.all([shop.sell('grapes', 50), shop.sell('olives', 50)]));
    checkBalance(ledger, 100);
  },
  'call-queue': async (s, fixed) => {
    const api = new FakeApi();
    const call = s.scheduleFunction(api.call);
    const queued = (fixed ? serialQueue : eagerQueue)(async (n: number) => {
      try {
        return await call(n);
      } finally {
        api.done();
      }
    });
    const seen: number[] = [];
    await settle(s, Promise.all([1, 2, 3].map((n) => queued(n).then((v) => seen.push(v)))));
    if (seen.join() !== '1,2,3') throw new Error(`answers arrived as ${seen.join()}`);
  },
};

/** fc.check of one harness: the report fast-check gives its user (shrinking included). */
export function fcCheck(
  harness: FcHarness,
  fixed: boolean,
  params: { seed: number; numRuns: number; endOnFailure?: boolean },
): Promise<fc.RunDetails<[fc.Scheduler]>> {
  return fc.check(
    fc.asyncProperty(fc.scheduler(), (s) => harness(s, fixed)),
    params,
  );
}
