/**
 * The seed's "Tee Channel" example: its `tee` and its usage, ported as written. The usage deadlocks,
 * and tee's inner select has no `<-done` case, so a consumer that cancels leaks the tee goroutine.
 *
 * The seed calls `orDone` without defining it; it is written here as in Katherine Cox-Buday,
 * "Concurrency in Go" (O'Reilly, 2017), ch. 4 "The or-done-channel". (The seed's `tee` takes
 * `done <-chan interface{}` while its usage passes a `chan struct{}`; in TypeScript both are `Chan<T>`.)
 */
import { chan, go, program, select, type Chan, type MaybeChan } from 'interleave';
import { fmt } from './fmt.js';

/** Not in the seed: Cox-Buday's orDone, the values of `c` until `done` is closed. */
export function orDone<T>(done: MaybeChan<unknown>, c: MaybeChan<T>): Chan<T> {
  const valStream = chan<T>();
  go(async () => {
    try {
      for (;;) {
        const r = await select([{ recv: done }, { recv: c }]);
        if (r.index === 0) return; // case <-done:
        // case v, ok := <-c:
        if (r.ok === false) return;
        await select([{ send: valStream, value: r.value as T }, { recv: done }]);
      }
    } finally {
      valStream.close(); // defer close(valStream)
    }
  }, 'orDone');
  return valStream;
}

export function tee<T>(done: MaybeChan<unknown>, in_: MaybeChan<T>): [Chan<T>, Chan<T>] {
  const out1 = chan<T>();
  const out2 = chan<T>();
  go(async () => {
    try {
      for await (const val of orDone(done, in_)) {
        // Try sending to out1 and out2, but if one sends successfully,
        // disable that channel to avoid double-sending to it.
        let c1: MaybeChan<T> = out1;
        let c2: MaybeChan<T> = out2;
        for (let i = 0; i < 2; i++) {
          const r = await select([
            { send: c1, value: val },
            { send: c2, value: val },
          ]);
          if (r.index === 0)
            c1 = null; // case c1 <- val: c1 = nil
          else c2 = null; // case c2 <- val: c2 = nil
        }
      }
    } finally {
      // defer close(out1); defer close(out2): deferred calls run last-in first-out.
      out2.close();
      out1.close();
    }
  }, 'tee');
  return [out1, out2];
}

/** The seed's "Example usage", as written: it deadlocks after printing `c1: 0`. */
export const teeUsage = program(async () => {
  const done = chan<void>();
  const in_ = chan<number>();
  go(async () => {
    try {
      for (let i = 0; i < 5; i++) {
        await in_.send(i);
      }
    } finally {
      in_.close(); // defer close(in)
    }
  }, 'generator');
  const [c1, c2] = tee(done, in_);
  for await (const x of c1) {
    fmt.Println('c1:', x);
    if (x === 2) {
      done.close(); // stop tee after some values
    }
  }
  for await (const x of c2) {
    fmt.Println('c2:', x);
  }
});

/**
 * Not in the seed: the latent bug of its `tee` under a consumer that uses it correctly (reading c1
 * and c2 in lockstep, as tee requires) and then cancels, the way the seed's usage means to. The
 * generator honours `done`, so only tee's own bug remains: tee holds value 1 in its inner select,
 * whose only live case is `c2 <- 1`, with no `case <-done:` (Cox-Buday's version has one), and
 * nobody reads c2 again. tee is blocked forever: a leak.
 */
export const teeCancel = program(async () => {
  const done = chan<void>();
  const in_ = chan<number>();
  go(async () => {
    try {
      for (let i = 0; i < 5; i++) {
        const r = await select([{ recv: done }, { send: in_, value: i }]);
        if (r.index === 0) return; // case <-done: return
      }
    } finally {
      in_.close(); // defer close(in)
    }
  }, 'generator');
  const [c1, c2] = tee(done, in_);
  for (;;) {
    const [x, ok] = await c1.recvOk();
    if (!ok) break;
    fmt.Println('c1:', x);
    if (x === 1) {
      done.close(); // stop tee after some values
      break;
    }
    fmt.Println('c2:', await c2.recv());
  }
});
