/**
 * The seed's "Select Statement": receive from ch1, or give up after a second with `time.After`.
 * The seed gives only the select; the mains are ours. The sender sleeps one second too, so the
 * message and the timeout are due at the same virtual instant and the strategy orders them: both
 * "Received" and "Timeout" happen.
 */
import { chan, go, program, select, time, type Chan } from 'interleave';
import { fmt } from './fmt.js';

// The seed's snippet.
async function receiveOrTimeout(ch1: Chan<string>): Promise<void> {
  const r = await select([{ recv: ch1 }, { recv: time.after(time.Second) }]);
  if (r.index === 0) {
    const msg = r.value as string; // case msg := <-ch1:
    fmt.Println('Received', msg);
  } else {
    // case <-time.After(time.Second):
    fmt.Println('Timeout');
  }
}

// Not in the seed: the message arrives after a second, just as the timeout does.
async function sender(ch1: Chan<string>): Promise<void> {
  await time.sleep(time.Second);
  await ch1.send('hello');
}

/**
 * Not in the seed: ch1 has room for the one message (`make(chan string, 1)`), so the sender never
 * blocks, whichever case the select takes.
 */
export const selectTimeout = program(async () => {
  const ch1 = chan<string>(1);
  go(() => sender(ch1), 'sender');
  await receiveOrTimeout(ch1);
});

/**
 * Not in the seed: the same with an unbuffered ch1 (`make(chan string)`), the classic timeout leak.
 * When the timeout wins, nobody will ever receive the sender's message: it blocks in `chan send`.
 */
export const selectTimeoutUnbuffered = program(async () => {
  const ch1 = chan<string>();
  go(() => sender(ch1), 'sender');
  await receiveOrTimeout(ch1);
});
