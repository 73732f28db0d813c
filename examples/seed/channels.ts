/**
 * The seed's first example ("Channels"): one goroutine sends 42, main receives it.
 *
 * ```go
 * ch := make(chan int)
 * go func() {
 *     ch <- 42 // send
 * }()
 * fmt.Println(<-ch) // receive
 * ```
 */
import { chan, go, program } from 'interleave';
import { fmt } from './fmt.js';

export const channels = program(async () => {
  const ch = chan<number>();
  go(async () => {
    await ch.send(42); // send
  });
  fmt.Println(await ch.recv()); // receive
});
