/** The seed's "Pipelines" example: gen -> sq -> sq, each stage a goroutine closing its output. */
import { chan, go, program, type Chan } from 'interleave';
import { fmt } from './fmt.js';

// gen emits the list of ints onto a channel and then closes it.
export function gen(...nums: number[]): Chan<number> {
  const out = chan<number>();
  go(async () => {
    try {
      for (const n of nums) {
        await out.send(n);
      }
    } finally {
      out.close(); // defer close(out)
    }
  }, 'gen');
  return out;
}

// sq reads ints from 'in', squares them, and sends them on its returned channel.
export function sq(in_: Chan<number>): Chan<number> {
  const out = chan<number>();
  go(async () => {
    try {
      for await (const n of in_) {
        await out.send(n * n);
      }
    } finally {
      out.close(); // defer close(out)
    }
  }, 'sq');
  return out;
}

export const pipeline = program(async () => {
  // Set up the pipeline: gen -> sq -> sq
  for await (const n of sq(sq(gen(2, 3)))) {
    fmt.Println(n); // prints 16 then 81
  }
});
