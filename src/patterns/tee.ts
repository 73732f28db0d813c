/**
 * The tee channel: every value of one input to each of several outputs.
 */
import { chan, go, select, type Chan, type SelectCase } from '../core.js';
import { doneOf, fired, recvOrDone, type Done, type In } from './done.js';

/** Two outputs, each receiving every value of `input` exactly once, in order (see `teeN`). */
export function tee<T>(done: Done, input: In<T>): [Chan<T>, Chan<T>] {
  const [a, b] = teeN(done, input, 2);
  return [a!, b!];
}

/**
 * `n` outputs, each receiving every value of `input` exactly once, in order, until `input` closes or
 * `done` fires. The next input value is read only after every output took the current one, so the
 * consumers must read all outputs (in any order). Unlike the seed's `tee`, the inner select that
 * hands the value out also watches `done`, so a consumer may cancel at any point.
 */
export function teeN<T>(done: Done, input: In<T>, n: number): Chan<T>[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`teeN: n must be an integer ≥ 0, got ${n}`);
  const d = doneOf(done);
  const outs = Array.from({ length: n }, () => chan<T>());
  go(async () => {
    try {
      for (;;) {
        const r = await recvOrDone(d, input);
        if (!r.ok) return;
        // Each output once: a case whose send fired becomes a nil channel (the seed's `c1 = nil`).
        const cases: SelectCase[] = [{ recv: d }, ...outs.map((out) => ({ send: out, value: r.value }))];
        for (let i = 0; i < n; i++) {
          if (await fired(d)) return; // at most one hand-off after done (see sendOrDone)
          const s = await select(cases);
          if (s.index === 0) return;
          cases[s.index] = { send: null, value: r.value };
        }
      }
    } finally {
      for (const out of outs) out.close();
    }
  }, 'tee');
  return outs;
}
