/**
 * A user cache with expiry, written the way Node code usually is: async functions, a Map, Date.now(),
 * requests arriving in timer callbacks. `getUser` checks the cache, awaits the user service, then
 * fills the cache. Two requests for one user arrive together: the second can make its check while
 * the first one's fetch is in flight, miss as well, and fetch the same user again. The fixed cache
 * stores the in-flight promise, so concurrent misses share one fetch.
 *
 * Only the fake service knows about interleave: its `external(...)` makes the moment the fetch
 * completes a scheduling choice, as a network call's would be.
 */
import { external, program } from 'interleave';

export interface User {
  id: string;
  name: string;
}

export interface UserService {
  fetchUser(id: string): Promise<User>;
}

/** Stands in for the user service; a user asked for twice is a test failure. */
export class FakeUserService implements UserService {
  private readonly fetched = new Set<string>();

  fetchUser(id: string): Promise<User> {
    if (this.fetched.has(id)) throw new Error(`user ${id} fetched twice`);
    this.fetched.add(id);
    return external(() => ({ id, name: `user ${id}` }));
  }
}

const TTL_MS = 60_000;

/** The cache as first written: check, fetch, fill. */
export class UserCache {
  private readonly entries = new Map<string, { user: User; expires: number }>();

  constructor(private readonly service: UserService) {}

  async getUser(id: string): Promise<User> {
    const hit = this.entries.get(id);
    if (hit && hit.expires > Date.now()) return hit.user;
    const user = await this.service.fetchUser(id);
    this.entries.set(id, { user, expires: Date.now() + TTL_MS });
    return user;
  }
}

/** The cache fixed: the promise goes into the map before anything is awaited. */
export class DedupingUserCache {
  private readonly entries = new Map<string, { user: Promise<User>; expires: number }>();

  constructor(private readonly service: UserService) {}

  getUser(id: string): Promise<User> {
    const hit = this.entries.get(id);
    if (hit && hit.expires > Date.now()) return hit.user;
    const user = this.service.fetchUser(id);
    this.entries.set(id, { user, expires: Date.now() + TTL_MS });
    user.catch(() => this.entries.delete(id)); // a failed fetch is not cached
    return user;
  }
}

/** A request handled in a timer callback, as a server's would be: resolves with what it returned. */
function request<T>(handler: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    // The callback returns the handler's promise: a timer task ends when its callback's promise does,
    // and one that returned while its fetch was pending would be an error under the explorer.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    setTimeout(() => handler().then(resolve, reject), 0);
  });
}

/** Two page loads ask for user 42 at the same moment; main waits for both answers. */
async function twoPageLoads(cache: UserCache | DedupingUserCache): Promise<void> {
  // external(): main waits for work that runs in timer callbacks, outside interleave's primitives.
  await external(() => Promise.all([request(() => cache.getUser('42')), request(() => cache.getUser('42'))]));
}

export const userCache = program(() => twoPageLoads(new UserCache(new FakeUserService())));

/** The fixed cache: the second request shares the first one's fetch (it awaits a promise the first
 * request's task made, which the explorer follows in its compatibility mode). */
export const dedupingUserCache = program(() => twoPageLoads(new DedupingUserCache(new FakeUserService())));
