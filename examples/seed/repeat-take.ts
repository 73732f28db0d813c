/**
 * The seed's "Handy generators for pipelines": repeat and take, ported as written.
 *
 * take's `case out <- <-in:` hides a bug. Go evaluates the operands of every case (here the value to
 * send, `<-in`) once, in source order, before the select begins; so take blocks in a plain receive on
 * `in` that does not look at `done`. While `in` is silent, closing `done` cannot stop it.
 */
import { chan, go, program, select, type Chan } from 'interleave';
import { fmt } from './fmt.js';

// repeat sends the given values endlessly on a channel until done is closed.
export function repeat(done: Chan<void>, ...values: number[]): Chan<number> {
  const out = chan<number>();
  go(async () => {
    try {
      for (;;) {
        for (const v of values) {
          const r = await select([{ recv: done }, { send: out, value: v }]);
          if (r.index === 0) return; // case <-done: return
        }
      }
    } finally {
      out.close(); // defer close(out)
    }
  }, 'repeat');
  return out;
}

// take reads up to 'n' values from 'in' and then closes.
export function take(done: Chan<void>, in_: Chan<number>, n: number): Chan<number> {
  const out = chan<number>();
  go(async () => {
    try {
      for (let i = 0; i < n; i++) {
        // `case out <- <-in:`: the operand `<-in` is received first, outside the select.
        const v = await in_.recv();
        const r = await select([{ recv: done }, { send: out, value: v }]);
        if (r.index === 0) return; // case <-done: return
      }
    } finally {
      out.close(); // defer close(out)
    }
  }, 'take');
  return out;
}

export const repeatTake = program(async () => {
  const done = chan<void>();
  try {
    // Repeat 1,2,3 until taken 5 values.
    for await (const v of take(done, repeat(done, 1, 2, 3), 5)) {
      fmt.Print(v, ' '); // output: 1 2 3 1 2
    }
  } finally {
    done.close(); // defer close(done)
  }
});

/**
 * Not in the seed: take under a consumer that gives up (closes done) while its input is silent, e.g.
 * a source that has not produced yet. take is blocked in `<-in`, not in its select, so done is never
 * seen: when main returns the take task is blocked forever in `chan receive`, a leak.
 */
export const takeIgnoresDone = program(async () => {
  const done = chan<void>();
  const in_ = chan<number>(); // silent: nobody ever sends
  const out = take(done, in_, 3);
  // Go (verified): `select { case v, ok := <-out: ... case <-time.After(200 * time.Millisecond): }`.
  // Timers come later; a poll stands in for the timeout: nothing has arrived, so the consumer gives up.
  const r = await select([{ recv: out }, { default: true }]);
  if (r.index === 1) {
    done.close(); // consumer gives up
  }
});

/**
 * Not in the seed: the same bug in its deadlock form. The consumer closes done, then waits for take
 * to close out; take never sees done, so main and take are both blocked: Go's `fatal error: all
 * goroutines are asleep - deadlock!`.
 */
export const takeIgnoresDoneDrain = program(async () => {
  const done = chan<void>();
  const in_ = chan<number>(); // silent: nobody ever sends
  const out = take(done, in_, 3);
  done.close(); // consumer gives up
  for await (const v of out) {
    // waits for take to close out
    fmt.Println(v);
  }
  fmt.Println('unreachable');
});
