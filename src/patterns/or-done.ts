/**
 * The or-done channel: read a channel you do not control until it closes or you are canceled.
 */
import { chan, go, type Chan } from '../core.js';
import { doneOf, recvOrDone, sendOrDone, type Done, type In } from './done.js';

/**
 * The values of `ch`, in order, until `ch` closes or `done` fires; then closed. It watches `done`
 * both while receiving and while sending, so a consumer that stops reading and cancels leaves no task.
 */
export function orDone<T>(done: Done, ch: In<T>): Chan<T> {
  const d = doneOf(done);
  const out = chan<T>();
  go(async () => {
    try {
      for (;;) {
        const r = await recvOrDone(d, ch);
        if (!r.ok || !(await sendOrDone(d, out, r.value))) return;
      }
    } finally {
      out.close();
    }
  }, 'orDone');
  return out;
}
