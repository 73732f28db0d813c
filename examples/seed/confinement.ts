/**
 * The seed's "Confinement" example: the producer goroutine owns its channel (it alone writes and
 * closes it); main only ranges over it.
 */
import { chan, go, program, type Chan } from 'interleave';
import { fmt } from './fmt.js';

// func producer() <-chan int
export function producer(): Chan<number> {
  const out = chan<number>(5);
  go(async () => {
    try {
      for (let i = 0; i < 5; i++) {
        await out.send(i);
      }
    } finally {
      out.close(); // defer close(out)
    }
  }, 'producer');
  return out;
}

export const confinement = program(async () => {
  // The main goroutine is the consumer; the producer confines the writes.
  for await (const v of producer()) {
    fmt.Println(v); // safely receives 0,1,2,3,4
  }
});
