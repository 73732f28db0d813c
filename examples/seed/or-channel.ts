/**
 * The seed's "or-channel pattern": OrChannel, ported as written (recursion included), with a main
 * the seed does not give: it waits on the or of five channels while a goroutine closes one of them.
 */
import { chan, go, program, select, type Chan, type MaybeChan } from 'interleave';
import { fmt } from './fmt.js';

// OrChannel combines multiple channels into one that closes when any input closes.
export function OrChannel<T>(...channels: MaybeChan<T>[]): MaybeChan<T> {
  switch (channels.length) {
    case 0:
      return null;
    case 1:
      return channels[0];
  }
  const orDone = chan<T>();
  go(async () => {
    try {
      switch (channels.length) {
        case 2:
          await select([{ recv: channels[0] }, { recv: channels[1] }]);
          break;
        default: {
          // Recursively wait on others.
          // `case <-OrChannel(append(channels[3:], orDone)...):` Go evaluates the operand, so the
          // recursive call (and its goroutine) happens before the select begins.
          const rest = OrChannel(...channels.slice(3), orDone);
          await select([{ recv: channels[0] }, { recv: channels[1] }, { recv: channels[2] }, { recv: rest }]);
        }
      }
    } finally {
      orDone.close(); // defer close(orDone)
    }
  }, 'OrChannel');
  return orDone;
}

/** Not in the seed: wait for the first of five signals; a goroutine closes one chosen at random. */
export const orChannelUsage = program(async () => {
  const signals: Chan<void>[] = [];
  for (let i = 0; i < 5; i++) signals.push(chan<void>());
  const which = Math.floor(Math.random() * signals.length); // rand.Intn(len(signals)), seeded per run
  go(() => {
    signals[which]!.close();
  }, 'signaller');
  await OrChannel(...signals)!.recv();
  fmt.Println('done after signal', which);
});
