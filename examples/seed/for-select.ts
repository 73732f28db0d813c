/**
 * The seed's "The for-select Loop", both variants it describes:
 * (a) a minimal select (`case <-done:` and `default:`), then the work after it, with the seed's main;
 * (b) the work inside the select (`case msg := <-workCh:` vs `case <-done:`), with a main of ours.
 */
import { chan, go, program, select, time, WaitGroup, type Chan } from 'interleave';
import { fmt } from './fmt.js';

// (a) The seed's worker: poll done, then work.
async function worker(done: Chan<void>): Promise<void> {
  for (;;) {
    const r = await select([{ recv: done }, { default: true }]);
    if (r.index === 0) {
      // Stop the loop and exit.
      return;
    }
    // Perform non-blocking work here.
    fmt.Println('working');
    await time.sleep(100 * time.Millisecond);
  }
}

export const forSelectDefault = program(async () => {
  const done = chan<void>();
  go(() => worker(done), 'worker');
  await time.sleep(500 * time.Millisecond);
  done.close(); // signal worker to exit
});

// (b) Select around work: the worker waits for work or for done, whichever comes first.
async function workerAroundWork(done: Chan<void>, workCh: Chan<string>): Promise<void> {
  for (;;) {
    const r = await select([{ recv: workCh }, { recv: done }]);
    if (r.index === 0) {
      const msg = r.value as string; // case msg := <-workCh:
      fmt.Println('processing', msg);
    } else {
      // case <-done:
      return;
    }
  }
}

/** Not in the seed: main hands three messages to the worker, closes done and waits for it to return. */
export const forSelectAroundWork = program(async () => {
  const done = chan<void>();
  const workCh = chan<string>();
  const wg = new WaitGroup();
  wg.add(1);
  go(async () => {
    try {
      await workerAroundWork(done, workCh);
    } finally {
      wg.done(); // defer wg.Done()
    }
  }, 'worker');
  for (const m of ['a', 'b', 'c']) {
    await workCh.send(m);
  }
  done.close();
  await wg.wait();
});
