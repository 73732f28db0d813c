// The README's example of a report: the ping-pong of "A program" with its close forgotten.
import { chan, go, program } from 'interleave';

export const pingPong = program(async () => {
  const ping = chan<number>(0, { name: 'ping' });
  const done = chan<void>(0, { name: 'done' });
  go(async () => {
    for await (const n of ping) console.log('got', n);
    done.close();
  }, 'printer');
  await ping.send(1);
  // ping.close() is missing: the printer never leaves its loop, and main waits on done for ever.
  await done.recv();
});
