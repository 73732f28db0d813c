/**
 * The corpus of plain-async races: one entry per scenario, with its buggy and fixed interleave
 * programs, the panic message the bug produces, and where it was reported. The README's table, the
 * corpus test and the benchmark all read this list.
 */
import type { Program } from 'interleave';
import { dedupingUserCache, userCache } from './user-cache.js';
import { latestSearchBox, naiveSearchBox } from './search-box.js';
import { refreshingClient, singleRefreshClient } from './token-refresh.js';
import { skippingSaver, trailingSaver } from './autosave.js';
import { checkThenCountLimiter, countFirstLimiter } from './job-limiter.js';
import { lazyStorage, memoisedStorage } from './lazy-connection.js';
import { fencedCache, naiveCache } from './stale-invalidation.js';
import { chainedSettings, fireAndForgetSettings } from './unordered-writes.js';
import { lockedShop, racyShop } from './shop-balance.js';
import { eagerCallQueue, serialCallQueue } from './call-queue.js';

export interface CorpusEntry {
  /** The file under examples/async/, without its extension. */
  readonly name: string;
  readonly buggy: Program;
  readonly fixed: Program;
  /** The message of the panic the buggy program ends in. */
  readonly message: string;
  /** Where the bug (and its fix) were reported. */
  readonly source: string;
}

export const corpus: readonly CorpusEntry[] = [
  {
    name: 'user-cache',
    buggy: userCache,
    fixed: dedupingUserCache,
    message: 'panic: user 42 fetched twice',
    source: 'https://github.com/isaacs/node-lru-cache/issues/143',
  },
  {
    name: 'search-box',
    buggy: naiveSearchBox,
    fixed: latestSearchBox,
    message: 'panic: shows results for "a" after typing "ab"',
    source: 'https://github.com/nvisionative/nvQuickComponents/issues/10',
  },
  {
    name: 'token-refresh',
    buggy: refreshingClient,
    fixed: singleRefreshClient,
    message: 'panic: refresh token used twice',
    source: 'https://github.com/Flyrell/axios-auth-refresh/issues/185',
  },
  {
    name: 'autosave',
    buggy: skippingSaver,
    fixed: trailingSaver,
    message: 'panic: saved "h", the last edit was "he"',
    source: 'https://github.com/unjs/perfect-debounce/pull/1',
  },
  {
    name: 'job-limiter',
    buggy: checkThenCountLimiter,
    fixed: countFirstLimiter,
    message: 'panic: two jobs running at once (limit 1)',
    source: 'https://github.com/NangoHQ/nango/pull/2231',
  },
  {
    name: 'lazy-connection',
    buggy: lazyStorage,
    fixed: memoisedStorage,
    message: 'panic: opened a second connection; the first one leaks',
    source: 'https://github.com/libredb/libredb-studio/pull/724',
  },
  {
    name: 'stale-invalidation',
    buggy: naiveCache,
    fixed: fencedCache,
    message: 'panic: cache serves "v1" after the row became "v2"',
    source: 'https://github.com/kibertoad/layered-loader/pull/414',
  },
  {
    name: 'unordered-writes',
    buggy: fireAndForgetSettings,
    fixed: chainedSettings,
    message: 'panic: stored "dark" after setting "light" last',
    source: 'https://github.com/localForage/localForage/issues/754',
  },
  {
    name: 'shop-balance',
    buggy: racyShop,
    fixed: lockedShop,
    message: 'panic: balance is 50, expected 100',
    source: 'https://github.com/nodejs-design-patterns-book/nodejsdesignpatterns.com/pull/12',
  },
  {
    name: 'call-queue',
    buggy: eagerCallQueue,
    fixed: serialCallQueue,
    message: 'panic: two calls running at once',
    source: 'https://fast-check.dev/docs/tutorials/detect-race-conditions/',
  },
];
