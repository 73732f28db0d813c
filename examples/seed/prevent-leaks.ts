/**
 * The seed's "Preventing goroutine leaks": doWork polls done between 200 ms sleeps; main cancels
 * after a second, then waits 100 ms for the cancelation message.
 */
import { chan, go, program, select, time, type Chan } from 'interleave';
import { fmt } from './fmt.js';

async function doWork(done: Chan<void>): Promise<void> {
  for (;;) {
    const r = await select([{ recv: done }, { default: true }]);
    if (r.index === 0) {
      fmt.Println('doWork canceled');
      return;
    }
    // Simulate work
    await time.sleep(200 * time.Millisecond);
  }
}

export const preventLeaks = program(async () => {
  const done = chan<void>();
  go(() => doWork(done), 'doWork');
  // Cancel after 1 second to avoid leak
  await time.sleep(1 * time.Second);
  done.close();
  // Wait a bit for doWork to print cancelation message
  await time.sleep(100 * time.Millisecond);
});
