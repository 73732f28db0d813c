/**
 * The seed's "Worker Pool": four workers pull 20 tasks from a buffered queue, honour done, and a
 * helper goroutine closes results once the WaitGroup says every worker has exited.
 *
 * The simulated work, `time.Sleep(time.Duration(rand.Intn(150)+50) * time.Millisecond)`, becomes
 * `await yield_()`: a switch point where other tasks may run. Timers (virtual time) come with a later
 * issue. `Math.random` is kept as the seed calls it; interleave seeds it per run, which stands in for
 * `rand.Seed(time.Now().UnixNano())`.
 */
import { chan, go, program, select, WaitGroup, yield_, type Chan } from 'interleave';
import { fmt } from './fmt.js';

// Task and Result types (can be any domain-specific payloads)
interface Task {
  readonly ID: number;
  readonly Val: number;
}

interface Result {
  readonly TaskID: number;
  readonly Out: number;
  readonly Err: Error | null;
}

// worker consumes tasks and produces results.
// It must: respect 'done', never panic, and never leak.
async function worker(
  _id: number,
  done: Chan<void>,
  tasks: Chan<Task>,
  results: Chan<Result>,
): Promise<void> {
  for (;;) {
    const r = await select([{ recv: done }, { recv: tasks }]);
    if (r.index === 0) {
      // Cooperative cancellation.
      return;
    }
    // case t, ok := <-tasks:
    if (!r.ok) {
      // No more tasks; clean exit.
      return;
    }
    const t = r.value as Task;
    // Simulate variable work (I/O/CPU/etc.)
    // time.Sleep(time.Duration(rand.Intn(150)+50) * time.Millisecond): a switch point until timers exist.
    const _ms = Math.floor(Math.random() * 150) + 50;
    await yield_();
    // Example "processing":
    const out = t.Val * t.Val;
    // Send the result OR honor cancellation.
    const s = await select([{ recv: done }, { send: results, value: { TaskID: t.ID, Out: out, Err: null } }]);
    if (s.index === 0) return;
  }
}

// startWorkerPool launches 'n' workers and returns a function to wait for them.
// The caller is responsible for: closing 'tasks' when done submitting, and
// closing 'results' AFTER all workers finish (we do that here via a helper goroutine).
export function startWorkerPool(n: number, done: Chan<void>, tasks: Chan<Task>): [Chan<Result>, WaitGroup] {
  const results = chan<Result>();
  const wg = new WaitGroup();
  wg.add(n);
  for (let i = 0; i < n; i++) {
    const id = i + 1;
    go(async () => {
      try {
        await worker(id, done, tasks, results);
      } finally {
        wg.done(); // defer wg.Done()
      }
    }, 'worker');
  }
  // Close results after all workers exit.
  go(async () => {
    await wg.wait();
    results.close();
  }, 'closer');
  return [results, wg];
}

async function main(stopAt: number | null): Promise<void> {
  const done = chan<void>(); // signal to stop early
  const tasks = chan<Task>(8); // buffered queue -> backpressure control
  const workers = 4; // pool size
  const [results] = startWorkerPool(workers, done, tasks);
  // Producer: enqueue tasks (could be another goroutine reading a file/DB/etc.)
  go(async () => {
    try {
      for (let i = 1; i <= 20; i++) {
        const r = await select([{ recv: done }, { send: tasks, value: { ID: i, Val: i } }]);
        if (r.index === 0) return;
        // enqueued
      }
    } finally {
      tasks.close(); // defer close(tasks): signal "no more tasks"
    }
  }, 'producer');
  // Consumer: drain results. In real systems, this might be writing to a DB, another stage, etc.
  for await (const r of results) {
    if (r.Err !== null) {
      fmt.Printf('task %d error: %v\n', r.TaskID, r.Err);
      continue;
    }
    fmt.Printf('task %02d -> %d\n', r.TaskID, r.Out);
    // Example early-stop condition (optional):
    // if r.TaskID == 10 { close(done) }
    if (r.TaskID === stopAt) done.close();
  }
  fmt.Println('all done');
}

/** The seed's main, as written (the early stop commented out). */
export const workerPool = program(() => main(null));

/** Not in the seed as live code: its optional early stop, `if r.TaskID == 10 { close(done) }`, enabled. */
export const workerPoolEarlyStop = program(() => main(10));
