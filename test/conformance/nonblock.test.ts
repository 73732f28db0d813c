// Port of golang/go test/chan/nonblock.go: a non-blocking receive on an empty channel takes default,
// and a non-blocking send or receive retried in a loop eventually meets a parked partner
// (unbuffered) or the buffer. Go's sleep() (two ticks of a 10µs ticker plus 3 Gosched) becomes
// three yield_() calls.
import { describe, expect, it } from 'vitest';
import { chan, explore, go, select, yield_, type Chan } from '../../src/index.js';
import { check, expectNoFindings } from './helpers.js';

const MAX_TRIES = 10_000; // Go: maxTries = 10000 (same)
const SEED = 16;
const RUNS = 50;

async function sleep(): Promise<void> {
  for (let i = 0; i < 3; i++) await yield_();
}

describe('nonblock.go', () => {
  it(`non-blocking send/receive on int32, int64, bool, string channels, buffer 0 and 1 (seed ${SEED})`, async () => {
    let checked = 0;
    const r = await explore(
      async () => {
        const sync = chan<boolean>();
        const kinds: [string, unknown, unknown][] = [
          ['i32', 123, 234],
          ['i64', 123456, 234567],
          ['b', true, true],
          ['s', 'hello', 'hello again'],
        ];
        for (let buffer = 0; buffer < 2; buffer++) {
          const chans = kinds.map(() => chan<unknown>(buffer));
          for (const [k, [name]] of kinds.entries()) {
            const s = await select([{ recv: chans[k]! }, { default: true }]);
            check(s.index === 1, `blocked ${name}sender`);
          }
          for (const [k, [name, want, sent]] of kinds.entries()) {
            const c: Chan<unknown> = chans[k]!;
            go(async () => {
              check((await c.recv()) === want, `${name} value`);
              await sync.send(true);
            }, `${name}receiver`);
            for (let tries = 0; ;) {
              const s = await select([{ send: c, value: want }, { default: true }]);
              if (s.index === 0) break;
              check(++tries <= MAX_TRIES, `${name}receiver buffer=${buffer}`);
              await sleep();
            }
            await sync.recv();

            go(async () => {
              await c.send(sent);
              await sync.send(true);
            }, `${name}sender`);
            if (buffer > 0) await sync.recv();
            let got: unknown;
            for (let tries = 0; ;) {
              const s = await select([{ recv: c }, { default: true }]);
              if (s.index === 0) {
                got = s.value;
                break;
              }
              check(++tries <= MAX_TRIES, `${name}sender buffer=${buffer}`);
              await sleep();
            }
            check(got === sent, `${name}sender value`);
            if (buffer === 0) await sync.recv();
          }
        }
        checked++;
      },
      { runs: RUNS, seed: SEED, maxSteps: 100_000 },
    );
    expectNoFindings(r, SEED, RUNS);
    expect(checked).toBe(RUNS);
  });
});
