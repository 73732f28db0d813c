/**
 * The seed's "Error handling in concurrent Go programs": checkStatus sends a Result (a response or an
 * error) per URL and honours done; main counts errors and stops after two.
 *
 * `http.Get` is replaced by `fakeGet`, which does no I/O and uses no timers: it yields once (the
 * request is a switch point, as a real one would be) and then answers from the URL, deterministically.
 */
import { chan, go, program, select, yield_, type Chan } from 'interleave';
import { fmt } from './fmt.js';

interface Response {
  readonly StatusCode: number;
}

interface Result {
  readonly Err: Error | null;
  readonly Response: Response | null;
}

/** Stands in for `http.Get`: hosts named `doesnot.exist` fail as Go's resolver would, others return 200. */
export async function fakeGet(url: string): Promise<Response> {
  await yield_();
  const host = new URL(url).host;
  if (host === 'doesnot.exist') {
    throw new Error(`Get "${url}": dial tcp: lookup ${host}: no such host`);
  }
  return { StatusCode: 200 };
}

// checkStatus queries multiple URLs and reports each Response or error.
export function checkStatus(done: Chan<void>, ...urls: string[]): Chan<Result> {
  const results = chan<Result>();
  go(async () => {
    try {
      for (const url of urls) {
        // resp, err := http.Get(url)
        let resp: Response | null = null;
        let err: Error | null = null;
        try {
          resp = await fakeGet(url);
        } catch (e) {
          err = e as Error;
        }
        const r = await select([{ recv: done }, { send: results, value: { Err: err, Response: resp } }]);
        if (r.index === 0) return; // case <-done: return
      }
    } finally {
      results.close(); // defer close(results)
    }
  }, 'checkStatus');
  return results;
}

// The seed's func main, with its URL list as a parameter.
async function checkAll(urls: string[]): Promise<void> {
  const done = chan<void>();
  try {
    let errCount = 0;
    for await (const res of checkStatus(done, ...urls)) {
      if (res.Err !== null) {
        fmt.Printf('error: %v\n', res.Err);
        errCount++;
        if (errCount >= 2) {
          fmt.Println('too many errors, exiting');
          break;
        }
        continue;
      }
      fmt.Printf('Status: %d\n', res.Response!.StatusCode);
    }
  } finally {
    done.close(); // defer close(done)
  }
}

/** The seed's main, as written: two responses and one error. */
export const errorHandling = program(() =>
  checkAll(['https://example.com', 'https://golang.org', 'https://doesnot.exist']),
);

/**
 * Not in the seed: the same main with a second failing URL, so it takes the `break` path while
 * checkStatus still has URLs to fetch; checkStatus sees done closed and returns, so nothing leaks.
 */
export const errorHandlingTooManyErrors = program(() =>
  checkAll([
    'https://doesnot.exist',
    'https://example.com',
    'https://doesnot.exist/again',
    'https://golang.org',
    'https://go.dev',
  ]),
);
