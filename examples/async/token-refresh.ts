/**
 * A token refresher refreshing twice. An API client refreshes its expired access token before a
 * request; two requests made together both see no valid token and both refresh, and with one-time
 * refresh tokens the second refresh is rejected (Flyrell/axios-auth-refresh#185, and the same
 * report in AlexAegis/auth#382, fixed by queueing the requests behind a single refresh). The fix
 * shares the in-flight refresh promise between callers.
 */

/** The fake auth server: a refresh token can be used once. */
export class FakeAuthServer {
  private used = 0;
  refresh = async (): Promise<string> => {
    if (++this.used > 1) throw new Error('refresh token used twice');
    return 'token-1';
  };
}

export interface ApiClient {
  get(path: string): Promise<string>;
}

/** As first written: refresh when there is no token, then store it. */
export class RefreshingClient implements ApiClient {
  private token: string | null = null;
  constructor(private readonly refresh: () => Promise<string>) {}

  async get(path: string): Promise<string> {
    if (this.token === null) this.token = await this.refresh();
    return `${path} with ${this.token}`;
  }
}

/** Fixed: concurrent callers wait for the one refresh in flight. */
export class SingleRefreshClient implements ApiClient {
  private token: Promise<string> | null = null;
  constructor(private readonly refresh: () => Promise<string>) {}

  async get(path: string): Promise<string> {
    this.token ??= this.refresh();
    return `${path} with ${await this.token}`;
  }
}

/** Two page components load their data at the same moment. */
async function twoRequests(make: (refresh: () => Promise<string>) => ApiClient): Promise<void> {
  const server = new FakeAuthServer();
  const client = make(scheduled(server.refresh, { name: 'refresh' }));
  await Promise.all([spawn(() => client.get('/profile')), spawn(() => client.get('/orders'))]);
}

export const refreshingClient = program(() => twoRequests((r) => new RefreshingClient(r)));
export const singleRefreshClient = program(() => twoRequests((r) => new SingleRefreshClient(r)));
import { program, scheduled, spawn } from 'interleave';
