// The bench's schedule workload as a program file, for the benchmarks that go through the CLI's
// worker threads (bench/parallel.ts): main + 3 tasks × 10 yield_() steps, then a done channel.
import { chan, go, program, yield_ } from 'interleave';

export const workload = program(async () => {
  const done = chan<void>();
  for (let t = 0; t < 3; t++) {
    go(async () => {
      for (let i = 0; i < 10; i++) await yield_();
      await done.send(undefined);
    });
  }
  for (let t = 0; t < 3; t++) await done.recv();
});
