// Port of golang/go test/chan/sieve2.go: an Eratosthenes sieve over buffered channels (odds cap 50,
// multiples cap 10, out cap 10, composites cap 50, primes cap 10), merged through a min-heap of
// peeked channels, with a proxy task that buffers without bound in a growable ring and disables its
// send case with the nil channel while the ring is empty. It must yield the first 25 primes.
// Go leaves the network parked when main returns; interleave reports that as a leak (its size
// depends on the schedule), so every finding must be a leak and nothing else.
import { describe, expect, it } from 'vitest';
import { chan, explore, go, select, type Chan, type MaybeChan } from '../../src/index.js';
import { check } from './helpers.js';

const PRIMES = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
];
const SEED = 42;
const RUNS = 5;

function odds(): Chan<number, number> {
  const out = chan<number>(50, 0);
  go(async () => {
    for (let n = 5; ; n += 2) await out.send(n);
  }, 'odds');
  return out;
}

function multiples(p: number): Chan<number, number> {
  const out = chan<number>(10, 0);
  go(async () => {
    for (let n = p * p; ; n += 2 * p) await out.send(n);
  }, 'multiples');
  return out;
}

interface PeekCh {
  head: number;
  readonly ch: Chan<number, number>;
}

/** container/heap over PeekCh, ordered by head. */
class PeekChHeap {
  private readonly a: PeekCh[] = [];
  push(x: PeekCh): void {
    const a = this.a;
    a.push(x);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (a[p]!.head <= a[i]!.head) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): PeekCh {
    const a = this.a;
    check(a.length > 0, 'pop of empty heap');
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.head < a[m]!.head) m = l;
        if (r < a.length && a[r]!.head < a[m]!.head) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

interface RingNode {
  value: number;
  next: RingNode;
}
/** container/ring.New(n): a circular list of n nodes. */
function ringNew(n: number): RingNode {
  const first = { value: 0 } as RingNode;
  let cur = first;
  for (let i = 1; i < n; i++) {
    const node = { value: 0 } as RingNode;
    cur.next = node;
    cur = node;
  }
  cur.next = first;
  return first;
}
/** r.Link(s) for a single-element-to-ring splice: insert ring s after r. */
function ringLink(r: RingNode, s: RingNode): void {
  let sLast = s;
  while (sLast.next !== s) sLast = sLast.next;
  const after = r.next;
  r.next = s;
  sLast.next = after;
}

/** A proxy for `out` whose sends never block: the task buffers in an expanding ring. */
function sendproxy(out: Chan<number, number>): Chan<number, number> {
  const proxy = chan<number>(10, 0);
  go(async () => {
    let n = 16;
    let first = ringNew(n);
    let last = first;
    let e = 0;
    for (;;) {
      let c: MaybeChan<number, number> = out;
      if (first === last)
        c = null; // buffer empty: disable output
      else e = first.value;
      const s = await select([{ recv: proxy }, { send: c, value: e }]);
      if (s.index === 0) {
        last.value = s.value!;
        if (last.next === first) {
          ringLink(last, ringNew(n)); // buffer full: expand it
          n *= 2;
        }
        last = last.next;
      } else {
        first = first.next;
      }
    }
  }, 'sendproxy');
  return proxy;
}

async function sieve(): Promise<Chan<number, number>> {
  const out = chan<number>(10, 0);
  await out.send(2);
  await out.send(3);
  const composites = chan<number>(50, 0);
  const primes = chan<number>(10, 0);
  await primes.send(3);

  // Merge channels of multiples of `primes` into `composites`.
  go(async () => {
    const h = new PeekChHeap();
    let min = 15;
    for (;;) {
      const m = multiples(await primes.recv());
      const head = await m.recv();
      while (min < head) {
        await composites.send(min);
        const minchan = h.pop();
        min = minchan.head;
        minchan.head = await minchan.ch.recv();
        h.push(minchan);
      }
      while (min === head) {
        const minchan = h.pop();
        min = minchan.head;
        minchan.head = await minchan.ch.recv();
        h.push(minchan);
      }
      await composites.send(head);
      h.push({ head: await m.recv(), ch: m });
    }
  }, 'merge');

  // Sieve out `composites` from the candidates.
  go(async () => {
    const proxied = sendproxy(primes);
    const candidates = odds();
    let p = await candidates.recv();
    for (;;) {
      const c = await composites.recv();
      while (p < c) {
        await proxied.send(p);
        await out.send(p);
        p = await candidates.recv();
      }
      if (p === c) p = await candidates.recv();
    }
  }, 'sieve');
  return out;
}

describe('sieve2.go', () => {
  it(`heap-merged sieve with a ring-buffer proxy yields the first 25 primes (seed ${SEED})`, async () => {
    let checked = 0;
    const r = await explore(
      async () => {
        const primes = await sieve();
        for (const want of PRIMES) {
          const x = await primes.recv();
          check(x === want, `${x} != ${want}`);
        }
        checked++;
      },
      { runs: RUNS, seed: SEED, findAll: true, maxSteps: 200_000, graceSteps: 200_000 },
    );
    const other = r.findings.filter((f) => f.kind !== 'leak');
    expect(
      other.map((f) => `${f.kind}: ${f.message} | ${f.summary} | ${f.replay}`),
      `seed ${SEED}`,
    ).toEqual([]);
    expect(r.runs).toBe(RUNS);
    expect(checked).toBeGreaterThanOrEqual(RUNS);
  });
});
