/**
 * The free-mode workloads, written once per library with each library's plain public API (every
 * send and receive awaited), so that every row compares the same program:
 *  - unbuffered: one producer sends `n` values on an unbuffered channel, one consumer receives them
 *    (each send completes only when the consumer has taken its value: Go's rendezvous);
 *  - buffered64: the same on a channel with a buffer of 64 (a send completes at once while there is
 *    room);
 *  - select: two producers on two unbuffered channels, one consumer selecting over both (ours only);
 *  - fanin: 8 producers on one unbuffered channel, one consumer (ours only).
 *
 * Which peers run which rows, because only there do their semantics match ours:
 *  - `medium` (chan(), chan(64) = buffers.fixed): unbuffered and buffered64;
 *  - `@thi.ng/csp`: unbuffered only. Its buffers have capacity ≥ 1 and a write's promise resolves
 *    when a reader takes the value, whatever the buffer: awaited writes on channel(1) are a
 *    rendezvous, and no channel of it lets an awaited write complete before it is read (buffered64).
 *    How it reaches its rate (2 promises and 2 jobs a message; ours 1 and 2) and what of Go it gives
 *    up: docs/free-mode.md, "Free mode speed"; checked in test/free-peers.test.ts;
 *  - `ts-chan` (new Chan(0), new Chan(64)), in its default safe mode (it defers some completions to a
 *    macrotask, its guard against microtask starvation) and its unsafe mode: both rows.
 *
 * `floor` is not a peer but the least work any awaited channel can do (bench/floor-chan.ts): it
 * runs the same two rows, and its figures bound what any library, ours included, can reach.
 */
import { channel } from '@thi.ng/csp';
import { createRequire } from 'node:module';
import * as tsChan from 'ts-chan';
import { chan, go, select } from '../src/index.js';
import { FloorChan } from './floor-chan.js';

/** `medium` ships no types: the four functions used here. */
interface Medium {
  chan(buffer?: number): unknown;
  put(ch: unknown, value: unknown): Promise<boolean>;
  take(ch: unknown): Promise<unknown>;
}
const medium = createRequire(import.meta.url)('medium') as Medium;

/**
 * `ts-chan` ships types that do not resolve here: its declarations import their siblings without a
 * file extension, which NodeNext refuses in an ES module package. The three members used here.
 */
interface TsChan<T> {
  setUnsafe(unsafe: boolean): TsChan<T>;
  send(value: T): Promise<void>;
  recv(): Promise<IteratorResult<T, T | undefined>>;
}
const TsChan = (tsChan as unknown as { Chan: new <T>(capacity: number) => TsChan<T> }).Chan;

export const ROWS = ['unbuffered', 'buffered64', 'select', 'fanin'] as const;
export type Row = (typeof ROWS)[number];

export const LIBS = ['interleave', 'medium', 'thing_csp', 'ts_chan', 'ts_chan_unsafe', 'floor'] as const;
/** Not a peer: the engine's floor (bench/floor-chan.ts), the bound no channel can beat. */
export const FLOOR: Lib = 'floor';
export type Lib = (typeof LIBS)[number];

/** The rows each library runs (where its semantics match ours; see the header). */
export const ROWS_OF: Record<Lib, readonly Row[]> = {
  interleave: ROWS,
  medium: ['unbuffered', 'buffered64'],
  thing_csp: ['unbuffered'],
  ts_chan: ['unbuffered', 'buffered64'],
  ts_chan_unsafe: ['unbuffered', 'buffered64'],
  floor: ['unbuffered', 'buffered64'],
};

export const FANIN_PRODUCERS = 8;

/** A channel as the workloads need it: an awaited send and an awaited receive. */
interface Pipe {
  send(v: number): Promise<unknown>;
  recv(): Promise<unknown>;
}

function pipeOf(lib: Lib, capacity: number): Pipe {
  switch (lib) {
    case 'interleave': {
      const c = chan<number>(capacity);
      return { send: (v) => c.send(v), recv: () => c.recv() };
    }
    case 'medium': {
      const c = capacity === 0 ? medium.chan() : medium.chan(capacity);
      return { send: (v) => medium.put(c, v), recv: () => medium.take(c) };
    }
    case 'thing_csp': {
      if (capacity !== 0) throw new Error('@thi.ng/csp has no buffered channel with Go semantics');
      const c = channel<number>(1);
      return { send: (v) => c.write(v), recv: () => c.read() };
    }
    case 'ts_chan':
    case 'ts_chan_unsafe': {
      const c = new TsChan<number>(capacity).setUnsafe(lib === 'ts_chan_unsafe');
      return { send: (v) => c.send(v), recv: () => c.recv() };
    }
    case 'floor': {
      const c = new FloorChan(capacity);
      return { send: (v) => c.send(v), recv: () => c.recv() };
    }
  }
}

/** One producer, one consumer, `n` messages over `capacity`. Resolves when the consumer has all. */
async function pointToPoint(lib: Lib, capacity: number, n: number): Promise<void> {
  const p = pipeOf(lib, capacity);
  const producer = async (): Promise<void> => {
    for (let i = 0; i < n; i++) await p.send(i);
  };
  // The floor starts its producer as `go` does (in a microtask): the consumer then parks first and
  // each send completes at once with the shared resolved promise, the cheaper order of the two.
  if (lib === 'interleave') go(producer);
  else if (lib === FLOOR) queueMicrotask(() => void producer());
  else void producer();
  for (let i = 0; i < n; i++) await p.recv();
}

/** `producers` producers sharing one unbuffered channel, one consumer. Ours only. */
async function fanIn(n: number, producers: number): Promise<void> {
  const c = chan<number>();
  const each = Math.floor(n / producers);
  for (let p = 0; p < producers; p++) {
    go(async () => {
      for (let i = 0; i < each; i++) await c.send(i);
    });
  }
  for (let i = 0; i < each * producers; i++) await c.recv();
}

/** Two producers on two unbuffered channels; the consumer takes every message with a select. */
async function selectTwo(n: number): Promise<void> {
  const a = chan<number>();
  const b = chan<number>();
  const half = n >> 1;
  go(async () => {
    for (let i = 0; i < half; i++) await a.send(i);
  });
  go(async () => {
    for (let i = 0; i < half; i++) await b.send(i);
  });
  const cases = [{ recv: a }, { recv: b }] as const;
  for (let i = 0; i < half * 2; i++) await select(cases);
}

/** Runs `row` for `lib` with `n` messages; returns the messages actually sent. */
export async function runRow(lib: Lib, row: Row, n: number): Promise<number> {
  if (!ROWS_OF[lib].includes(row)) throw new Error(`${lib} does not run the ${row} row`);
  switch (row) {
    case 'unbuffered':
      await pointToPoint(lib, 0, n);
      return n;
    case 'buffered64':
      await pointToPoint(lib, 64, n);
      return n;
    case 'select':
      await selectTwo(n);
      return (n >> 1) * 2;
    case 'fanin':
      await fanIn(n, FANIN_PRODUCERS);
      return Math.floor(n / FANIN_PRODUCERS) * FANIN_PRODUCERS;
  }
}

/** The same four rows in Go, written to a temporary directory and run with `go run` (bench/free.ts). */
export const GO_PROGRAM = `package main

import (
	"encoding/json"
	"os"
	"sort"
	"strconv"
	"time"
)

func p2p(capacity, n int) {
	c := make(chan int, capacity)
	go func() {
		for i := 0; i < n; i++ {
			c <- i
		}
	}()
	for i := 0; i < n; i++ {
		<-c
	}
}

func sel(n int) {
	a, b := make(chan int), make(chan int)
	half := n / 2
	go func() {
		for i := 0; i < half; i++ {
			a <- i
		}
	}()
	go func() {
		for i := 0; i < half; i++ {
			b <- i
		}
	}()
	for i := 0; i < half*2; i++ {
		select {
		case <-a:
		case <-b:
		}
	}
}

func fanin(n, producers int) {
	c := make(chan int)
	each := n / producers
	for p := 0; p < producers; p++ {
		go func() {
			for i := 0; i < each; i++ {
				c <- i
			}
		}()
	}
	for i := 0; i < each*producers; i++ {
		<-c
	}
}

func nsPerMsg(n int, f func()) float64 {
	f() // warm-up
	samples := make([]float64, 7)
	for r := range samples {
		start := time.Now()
		f()
		samples[r] = float64(time.Since(start).Nanoseconds()) / float64(n)
	}
	sort.Float64s(samples)
	return samples[3] // the median of 7
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	out := map[string]float64{
		"unbuffered": nsPerMsg(n, func() { p2p(0, n) }),
		"buffered64": nsPerMsg(n, func() { p2p(64, n) }),
		"select":     nsPerMsg(n, func() { sel(n) }),
		"fanin":      nsPerMsg(n, func() { fanin(n, 8) }),
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
`;
