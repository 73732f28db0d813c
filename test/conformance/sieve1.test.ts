// Port of golang/go test/chan/sieve1.go: the daisy-chain prime sieve on unbuffered channels must
// produce the first 25 primes in order. Go leaves the generator and the 25 filters parked when main
// returns; interleave reports exactly those 26 tasks (all in `chan send`) as its only finding.
import { describe, expect, it } from 'vitest';
import { chan, explore, go, WaitReason, type Chan } from '../../src/index.js';
import { check, expectOnlyParkedLeak } from './helpers.js';

const PRIMES = [
  2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
];
const SEED = 11;
const RUNS = 10;

async function generate(ch: Chan<number, number>): Promise<void> {
  for (let i = 2; ; i++) await ch.send(i);
}

async function filter(inp: Chan<number, number>, out: Chan<number, number>, prime: number): Promise<void> {
  for (;;) {
    const i = await inp.recv();
    if (i % prime !== 0) await out.send(i);
  }
}

describe('sieve1.go', () => {
  it(`daisy-chain sieve yields the first 25 primes in order (seed ${SEED})`, async () => {
    let checked = 0;
    const r = await explore(
      async () => {
        let ch = chan<number>(0, 0);
        go(() => generate(ch), 'Generate');
        for (const want of PRIMES) {
          const prime = await ch.recv();
          check(prime === want, `${prime} != ${want}`);
          const ch1 = chan<number>(0, 0);
          const from = ch;
          go(() => filter(from, ch1, prime), 'Filter');
          ch = ch1;
        }
        checked++;
      },
      // The parked pipeline fills up after main returns: more grace than the default 1,000 steps.
      { runs: RUNS, seed: SEED, findAll: true, maxSteps: 50_000, graceSteps: 50_000 },
    );
    expectOnlyParkedLeak(r, SEED, 26, Array<string>(26).fill(WaitReason.chanSend));
    expect(r.runs).toBe(RUNS);
    expect(checked).toBeGreaterThanOrEqual(RUNS);
  });
});
