/**
 * Pipeline stages: each runs in its own task, receives from its input, sends downstream in order,
 * closes its output when its input closes, and returns early when `done` fires.
 */
import { chan, go, range, type Chan } from '../core.js';
import { doneOf, recvOrDone, sendOrDone, type Done, type In } from './done.js';
import { produce } from './produce.js';

/** The seed's `gen`: `values` in order on an unbuffered channel, then closed. */
export function generator<T>(done: Done, ...values: T[]): Chan<T> {
  return produce(done, values);
}

/** A stage: `fn(v)` for each input value, in order. */
export function map<T, U>(done: Done, input: In<T>, fn: (value: T) => U | Promise<U>): Chan<U> {
  return stage(done, input, 'map', async (v, emit) => emit(await fn(v)));
}

/** A stage: the input values for which `pred` holds, in order. */
export function filter<T>(done: Done, input: In<T>, pred: (value: T) => boolean | Promise<boolean>): Chan<T> {
  return stage(done, input, 'filter', async (v, emit) => ((await pred(v)) ? emit(v) : true));
}

/** Every value of `input` until it closes (in the calling task). */
export async function collect<T>(input: In<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const v of range(input)) values.push(v);
  return values;
}

/**
 * One task: for each input value, `body(v, emit)`; `emit` sends downstream or reports that done
 * fired (false), and `body` returns false to stop.
 */
function stage<T, U>(
  done: Done,
  input: In<T>,
  name: string,
  body: (value: T, emit: (u: U) => Promise<boolean>) => Promise<boolean>,
): Chan<U> {
  const d = doneOf(done);
  const out = chan<U>();
  const emit = (u: U): Promise<boolean> => sendOrDone(d, out, u);
  go(async () => {
    try {
      for (;;) {
        const r = await recvOrDone(d, input);
        if (!r.ok || !(await body(r.value, emit))) return;
      }
    } finally {
      out.close();
    }
  }, name);
  return out;
}
