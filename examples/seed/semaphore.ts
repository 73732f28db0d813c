/**
 * The seed's "Queuing with buffered channels as semaphores": at most numWorkers of the numTasks
 * goroutines hold a slot of sem at once. The `time.Sleep(500 * time.Millisecond)` of the work becomes
 * `await yield_()`, a switch point, until timers exist.
 */
import { chan, go, program, WaitGroup, yield_ } from 'interleave';
import { fmt } from './fmt.js';

export const semaphore = program(async () => {
  const numWorkers = 3;
  const numTasks = 5;
  const wg = new WaitGroup();
  const sem = chan<void>(numWorkers);
  for (let i = 1; i <= numTasks; i++) {
    wg.add(1);
    // Acquire a slot.
    await sem.send(undefined); // sem <- struct{}{}
    const taskID = i; // go func(taskID int) { ... }(i)
    go(async () => {
      try {
        // Do the work.
        fmt.Println('Start task', taskID);
        await yield_(); // time.Sleep(500 * time.Millisecond)
        fmt.Println('Done task', taskID);
        // Release the slot.
        await sem.recv();
      } finally {
        wg.done(); // defer wg.Done()
      }
    }, 'task');
  }
  await wg.wait();
});
