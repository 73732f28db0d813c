/**
 * Fan-out (several copies of a stage read one input) and fan-in (`merge` several inputs into one).
 */
import { chan, go, WaitGroup, type Chan } from '../core.js';
import { doneOf, recvOrDone, sendOrDone, type Done, type In } from './done.js';

/** `n` copies of `stage`, all reading `input` (each value goes to one of them): their outputs. */
export function fanOut<T, U>(
  done: Done,
  input: In<T>,
  n: number,
  stage: (done: Done, input: In<T>, index: number) => Chan<U>,
): Chan<U>[] {
  return Array.from({ length: n }, (_, i) => stage(done, input, i));
}

/**
 * Every value of every input on one channel, closed once all inputs closed. Unlike the seed's
 * `merge`, each copying task also watches `done` (receiving and sending), so a consumer that stops
 * early and cancels leaves no task behind.
 */
export function merge<T>(done: Done, ...inputs: In<T>[]): Chan<T> {
  const d = doneOf(done);
  const out = chan<T>();
  const wg = new WaitGroup();
  wg.add(inputs.length);
  for (const input of inputs) {
    go(async () => {
      try {
        for (;;) {
          const r = await recvOrDone(d, input);
          if (!r.ok || !(await sendOrDone(d, out, r.value))) return;
        }
      } finally {
        wg.done();
      }
    }, 'merge.output');
  }
  go(async () => {
    await wg.wait();
    out.close();
  }, 'merge.closer');
  return out;
}
