// Smoke port of golang/go src/runtime/chanbarrier_test.go (TestChanSendBarrier and
// TestChanSendSelectBarrier). Go's subject, GC write barriers on a direct send to a parked
// receiver's stack, does not exist here; what remains is that many request/response exchanges
// (a task sends an object, plainly or as a select case, to a receiver that yields afterwards)
// deliver the object intact.
import { describe, expect, it } from 'vitest';
import { chan, explore, go, select, WaitGroup, yield_ } from '../../src/index.js';
import { check, expectNoFindings } from './helpers.js';

class MyError extends Error {}
interface Async {
  readonly resp: null;
  readonly err: Error;
}

async function doRequest(useSelect: boolean): Promise<Error> {
  const ch = chan<Async>();
  const done = chan<undefined>();
  if (useSelect) {
    go(() => select([{ send: ch, value: { resp: null, err: new MyError() } }, { recv: done }]), 'send');
  } else {
    go(() => ch.send({ resp: null, err: new MyError() }), 'send');
  }
  const r = (await ch.recv())!;
  await yield_();
  return r.err;
}

const OUTER = 10; // Go: outer = 100 (short 10)
const INNER = 100; // Go: inner = 100000 (short 1000)
const SEED = 51;
const RUNS = 3;

describe('chanbarrier_test.go (smoke)', () => {
  for (const useSelect of [false, true]) {
    it(`${useSelect ? 'TestChanSendSelectBarrier' : 'TestChanSendBarrier'}: ${OUTER}×${INNER} requests (seed ${SEED})`, async () => {
      let checked = 0;
      const r = await explore(
        async () => {
          const wg = new WaitGroup();
          for (let i = 0; i < OUTER; i++) {
            wg.add(1);
            go(async () => {
              for (let j = 0; j < INNER; j++) {
                const err = await doRequest(useSelect);
                check(err instanceof MyError, 'not myError');
              }
              wg.done();
            }, 'outer');
          }
          await wg.wait();
          checked++;
        },
        { runs: RUNS, seed: SEED, maxSteps: 10 * OUTER * INNER },
      );
      expectNoFindings(r, SEED, RUNS);
      expect(checked).toBe(RUNS);
    });
  }
});
