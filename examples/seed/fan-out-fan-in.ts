/**
 * The seed's "Fan-Out, Fan-In": two sq stages read one gen (fan-out) and merge copies their outputs
 * into one channel, closing it once a WaitGroup says every copy is done (fan-in). merge has no done
 * channel, so a consumer that stops early leaks every goroutine upstream of it.
 */
import { chan, go, program, WaitGroup, type Chan } from 'interleave';
import { fmt } from './fmt.js';
import { gen, sq } from './pipeline.js';

export function merge(...chs: Chan<number>[]): Chan<number> {
  const wg = new WaitGroup();
  const out = chan<number>();
  const output = async (c: Chan<number>): Promise<void> => {
    try {
      for await (const v of c) {
        await out.send(v);
      }
    } finally {
      wg.done(); // defer wg.Done()
    }
  };
  wg.add(chs.length);
  for (const c of chs) {
    go(() => output(c), 'merge.output');
  }
  // Close out when all copies are done
  go(async () => {
    await wg.wait();
    out.close();
  }, 'merge.closer');
  return out;
}

export const fanOutFanIn = program(async () => {
  const in_ = gen(2, 3);
  // Two parallel workers for sq (fan-out).
  const c1 = sq(in_);
  const c2 = sq(in_);
  // fan-in: merge results from c1 and c2.
  const out = merge(c1, c2);
  for await (const n of out) {
    fmt.Println(n); // prints 4 and 9 (order not guaranteed)
  }
});

/**
 * Not in the seed: merge under a consumer that stops after the first value (as in the Go blog's
 * "Pipelines and cancellation", before it adds done). Each merge.output goroutine holds a value it
 * cannot send, each gen blocks on its next value, and the closer waits for the WaitGroup: five tasks
 * blocked forever, a leak (Go: `runtime.NumGoroutine()` is 6 after the early stop, main included).
 */
export const mergeEarlyStop = program(async () => {
  const out = merge(gen(1, 2, 3), gen(4, 5, 6));
  fmt.Println('first value:', await out.recv()); // consumer stops early
});
