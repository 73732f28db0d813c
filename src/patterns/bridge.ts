/**
 * The bridge channel: flatten a channel of channels into one stream.
 */
import { chan, go, type Chan } from '../core.js';
import { doneOf, recvOrDone, sendOrDone, type Done, type In } from './done.js';

/**
 * The values of each channel received on `chanStream`, one channel after another, each drained in
 * order, until `chanStream` closes or `done` fires; then closed. A `null` inner channel never yields,
 * so it stalls the bridge until `done` fires (as Go's nil channel would).
 */
export function bridge<T>(done: Done, chanStream: In<In<T>>): Chan<T> {
  const d = doneOf(done);
  const out = chan<T>();
  go(async () => {
    try {
      for (;;) {
        const s = await recvOrDone(d, chanStream);
        if (!s.ok) return;
        for (;;) {
          const r = await recvOrDone(d, s.value);
          if (!r.ok) {
            if (r.done) return;
            break;
          }
          if (!(await sendOrDone(d, out, r.value))) return;
        }
      }
    } finally {
      out.close();
    }
  }, 'bridge');
  return out;
}
