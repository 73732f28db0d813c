// Port of golang/go test/chan/zerosize.go: channels of zero-size elements (Go's [0]byte and
// struct{}; here undefined and an empty object), unbuffered and with capacity 1, work.
import { describe, expect, it } from 'vitest';
import { chan, explore, go } from '../../src/index.js';
import { check, expectNoFindings } from './helpers.js';

const SEED = 13;
const RUNS = 20;

describe('zerosize.go', () => {
  it(`make(chan [0]byte), make(chan [0]byte, 1), make(chan struct{}), make(chan struct{}, 1) (seed ${SEED})`, async () => {
    let checked = 0;
    const r = await explore(
      async () => {
        const c1 = chan<undefined>();
        const c2 = chan<undefined>(1);
        const c3 = chan<Record<string, never>>();
        const c4 = chan<Record<string, never>>(1);
        check(c1.cap() === 0 && c2.cap() === 1 && c3.cap() === 0 && c4.cap() === 1, 'cap');
        go(() => c1.send(undefined), 'send');
        check((await c1.recv()) === undefined, 'c1');
        await c2.send(undefined);
        check(c2.len() === 1, 'len(c2)');
        check((await c2.recv()) === undefined, 'c2');
        const empty = {};
        go(() => c3.send(empty), 'send');
        check((await c3.recv()) === empty, 'c3');
        await c4.send(empty);
        check((await c4.recv()) === empty, 'c4');
        checked++;
      },
      { runs: RUNS, seed: SEED },
    );
    expectNoFindings(r, SEED, RUNS);
    expect(checked).toBe(RUNS);
  });
});
