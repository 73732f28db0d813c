// Port of golang/go src/runtime/chan_test.go (Go 1.19): the channel and select tests that need no
// timer, GC or stack machinery. Go's `time.Sleep(time.Millisecond)` ("surely it has blocked by now")
// becomes settle(): every other task runs until it is blocked or finished. runtime.Gosched() is
// yield_(). Scaled-down parameters say the original in a comment.
import { describe, expect, it } from 'vitest';
import {
  chan,
  close,
  explore,
  go,
  Mutex,
  select,
  settle,
  WaitGroup,
  yield_,
  type MaybeChan,
} from '../../src/index.js';
import { check, expectNoFindings } from './helpers.js';

describe('chan_test.go', () => {
  describe('TestChan', () => {
    // Go: every chanCap in 0..199 (short: 0..19); here a spread of them.
    const CAPS = [0, 1, 2, 3, 5, 8, 13, 20, 64, 199];
    const L = 100; // Go: P = 4 senders and receivers of L = 1000 values each
    const P = 4;
    const SEED = 21;
    const RUNS = 5;
    for (const chanCap of CAPS) {
      it(`chan[${chanCap}]: blocking, close, FIFO, P×L exchange, len/cap (seed ${SEED})`, async () => {
        let checked = 0;
        const r = await explore(
          async () => {
            {
              // Receive from an empty channel blocks; a non-blocking receive does not.
              const c = chan<number>(chanCap);
              let recv1 = false;
              let recv2 = false;
              go(async () => {
                await c.recv();
                recv1 = true;
              }, 'recv1');
              go(async () => {
                await c.recvOk();
                recv2 = true;
              }, 'recv2');
              await settle();
              check(!recv1 && !recv2, `chan[${chanCap}]: receive from empty chan`);
              const s1 = await select([{ recv: c }, { default: true }]);
              check(s1.index === 1, `chan[${chanCap}]: receive from empty chan`);
              const s2 = await select([{ recv: c }, { default: true }]);
              check(s2.index === 1, `chan[${chanCap}]: receive from empty chan`);
              await c.send(0);
              await c.send(0);
            }
            {
              // Send to a full channel blocks; a non-blocking send does not.
              const c = chan<number>(chanCap);
              for (let i = 0; i < chanCap; i++) await c.send(i);
              let sent = false;
              go(async () => {
                await c.send(0);
                sent = true;
              }, 'sender');
              await settle();
              check(!sent, `chan[${chanCap}]: send to full chan`);
              const s = await select([{ send: c, value: 0 }, { default: true }]);
              check(s.index === 1, `chan[${chanCap}]: send to full chan`);
              await c.recv();
            }
            {
              // Receive the buffer, then the zero value, from a closed channel.
              const c = chan<number>(chanCap, 0);
              for (let i = 0; i < chanCap; i++) await c.send(i);
              close(c);
              for (let i = 0; i < chanCap; i++) {
                const v = await c.recv();
                check(v === i, `chan[${chanCap}]: received ${v}, expected ${i}`);
              }
              const v = await c.recv();
              check(v === 0, `chan[${chanCap}]: received ${v}, expected 0`);
              const [v2, ok] = await c.recvOk();
              check(v2 === 0 && !ok, `chan[${chanCap}]: received ${v2}/${ok}, expected 0/false`);
            }
            {
              // Close unblocks a receiver.
              const c = chan<number>(chanCap, 0);
              const done = chan<boolean>();
              go(async () => {
                const [v, ok] = await c.recvOk();
                await done.send(v === 0 && !ok);
              }, 'receiver');
              await settle();
              close(c);
              check((await done.recv()) === true, `chan[${chanCap}]: received non zero from closed chan`);
            }
            {
              // 100 integers in FIFO order, with recv and with recvOk; then P senders and receivers.
              const c = chan<number>(chanCap);
              const sender = async () => {
                for (let i = 0; i < 100; i++) await c.send(i);
              };
              go(sender, 'sender');
              for (let i = 0; i < 100; i++) {
                const v = await c.recv();
                check(v === i, `chan[${chanCap}]: received ${v}, expected ${i}`);
              }
              go(sender, 'sender');
              for (let i = 0; i < 100; i++) {
                const [v, ok] = await c.recvOk();
                check(ok, `chan[${chanCap}]: receive failed, expected ${i}`);
                check(v === i, `chan[${chanCap}]: received ${v}, expected ${i}`);
              }
              for (let p = 0; p < P; p++) {
                go(async () => {
                  for (let i = 0; i < L; i++) await c.send(i);
                }, 'psender');
              }
              const done = chan<Map<number, number>>();
              for (let p = 0; p < P; p++) {
                go(async () => {
                  const recv = new Map<number, number>();
                  for (let i = 0; i < L; i++) {
                    const v = (await c.recv())!;
                    recv.set(v, (recv.get(v) ?? 0) + 1);
                  }
                  await done.send(recv);
                }, 'preceiver');
              }
              const recv = new Map<number, number>();
              for (let p = 0; p < P; p++) {
                for (const [k, v] of (await done.recv())!) recv.set(k, (recv.get(k) ?? 0) + v);
              }
              check(recv.size === L, `chan[${chanCap}]: received ${recv.size} values, expected ${L}`);
              for (const v of recv.values())
                check(v === P, `chan[${chanCap}]: received ${v} values, expected ${P}`);
            }
            {
              // len and cap.
              const c = chan<number>(chanCap);
              check(c.len() === 0 && c.cap() === chanCap, `chan[${chanCap}]: bad len/cap`);
              for (let i = 0; i < chanCap; i++) await c.send(i);
              check(c.len() === chanCap && c.cap() === chanCap, `chan[${chanCap}]: bad len/cap`);
            }
            checked++;
          },
          { runs: RUNS, seed: SEED, maxSteps: 100_000 },
        );
        expectNoFindings(r, SEED, RUNS);
        expect(checked).toBe(RUNS);
      });
    }
  });

  it('TestNonblockRecvRace: a closed channel is always ready to a non-blocking receive (seed 22)', async () => {
    const SEED = 22;
    const N = 1_000; // Go: n = 10000 (short 100)
    const r = await explore(
      async () => {
        for (let i = 0; i < N; i++) {
          const c = chan<number>(1);
          await c.send(1);
          go(async () => {
            const s = await select([{ recv: c }, { default: true }]);
            check(s.index === 0, 'chan is not ready');
          }, 'nonblock');
          close(c);
          await c.recv();
        }
      },
      { runs: 10, seed: SEED, maxSteps: 20 * N },
    );
    expectNoFindings(r, SEED, 10);
  });

  for (const variant of ['TestNonblockSelectRace', 'TestNonblockSelectRace2'] as const) {
    it(`${variant}: a select sees one consistent snapshot, so default is never taken (seed 23)`, async () => {
      const SEED = 23;
      const N = 1_000; // Go: n = 100000 (short 1000)
      const r = await explore(
        async () => {
          const done = chan<boolean>(1);
          for (let i = 0; i < N; i++) {
            const c1 = chan<number>(1);
            const c2 = chan<number>(variant === 'TestNonblockSelectRace' ? 1 : 0);
            await c1.send(1);
            go(async () => {
              const s = await select([{ recv: c1 }, { recv: c2 }, { default: true }]);
              await done.send(s.index !== 2);
            }, 'select');
            if (variant === 'TestNonblockSelectRace') await c2.send(1);
            else close(c2);
            await select([{ recv: c1 }, { default: true }]);
            check((await done.recv()) === true, 'no chan is ready');
          }
        },
        { runs: 10, seed: SEED, maxSteps: 20 * N },
      );
      expectNoFindings(r, SEED, 10);
    });
  }

  for (const chanCap of [0, 10]) {
    it(`TestSelfSelect cap ${chanCap}: a select never pairs with itself; both tasks finish (seed 24)`, async () => {
      const SEED = 24;
      const ITERS = 1000; // Go: 1000 (same)
      let checked = 0;
      const r = await explore(
        async () => {
          const wg = new WaitGroup();
          wg.add(2);
          const c = chan<number>(chanCap);
          for (let p = 0; p < 2; p++) {
            go(async () => {
              for (let i = 0; i < ITERS; i++) {
                let v: number | undefined;
                if (p === 0 || i % 2 === 0) {
                  const s = await select([{ send: c, value: p }, { recv: c }]);
                  if (s.index === 1) v = s.value;
                } else {
                  const s = await select([{ recv: c }, { send: c, value: p }]);
                  if (s.index === 0) v = s.value;
                }
                if (chanCap === 0) check(v !== p, `self receive by ${p}`);
              }
              wg.done();
            }, `p${p}`);
          }
          await wg.wait();
          checked++;
        },
        { runs: 10, seed: SEED, maxSteps: 20 * ITERS },
      );
      expectNoFindings(r, SEED, 10);
      expect(checked).toBe(10);
    });
  }

  it('TestSelectStress: plain and select senders/receivers on caps 0,0,2,3 all complete (seed 25)', async () => {
    const SEED = 25;
    const N = 300; // Go: N = 1e5 (short 1e4)
    let checked = 0;
    const r = await explore(
      async () => {
        const c = [chan<number>(), chan<number>(), chan<number>(2), chan<number>(3)] as const;
        const wg = new WaitGroup();
        wg.add(10);
        for (let k = 0; k < 4; k++) {
          go(async () => {
            for (let i = 0; i < N; i++) await c[k]!.send(0);
            wg.done();
          }, `send${k}`);
          go(async () => {
            for (let i = 0; i < N; i++) await c[k]!.recv();
            wg.done();
          }, `recv${k}`);
        }
        go(async () => {
          const n = [0, 0, 0, 0];
          const c1: MaybeChan<number>[] = [...c];
          for (let i = 0; i < 4 * N; i++) {
            const s = await select([
              { send: c1[3], value: 0 },
              { send: c1[2], value: 0 },
              { send: c1[0], value: 0 },
              { send: c1[1], value: 0 },
            ]);
            const k = [3, 2, 0, 1][s.index]!;
            if (++n[k]! === N) c1[k] = null;
          }
          check(
            n.every((x) => x === N),
            `select sender counts ${n.join(',')}`,
          );
          wg.done();
        }, 'selectSender');
        go(async () => {
          const n = [0, 0, 0, 0];
          const c1: MaybeChan<number>[] = [...c];
          for (let i = 0; i < 4 * N; i++) {
            const s = await select([{ recv: c1[0] }, { recv: c1[1] }, { recv: c1[2] }, { recv: c1[3] }]);
            if (++n[s.index]! === N) c1[s.index] = null;
          }
          check(
            n.every((x) => x === N),
            `select receiver counts ${n.join(',')}`,
          );
          wg.done();
        }, 'selectRecver');
        await wg.wait();
        checked++;
      },
      { runs: 10, seed: SEED, maxSteps: 40 * N },
    );
    expectNoFindings(r, SEED, 10);
    expect(checked).toBe(10);
  });

  it('TestSelectFairness: 4756 <= cnt1 <= 5244 of 10000 trials (seed 26)', async () => {
    const SEEDS = [26, 27, 28];
    const TRIALS = 10_000; // Go: 10000 (same)
    for (const SEED of SEEDS) {
      let counts: [number, number] = [0, 0];
      const r = await explore(
        async () => {
          const c1 = chan<number>(TRIALS + 1);
          const c2 = chan<number>(TRIALS + 1);
          for (let i = 0; i < TRIALS + 1; i++) {
            await c1.send(1);
            await c2.send(2);
          }
          const c3 = chan<number>();
          const c4 = chan<number>();
          const out = chan<number>();
          const done = chan<number>();
          const wg = new WaitGroup();
          wg.add(1);
          go(async () => {
            for (;;) {
              const s = await select([{ recv: c3 }, { recv: c4 }, { recv: c1 }, { recv: c2 }]);
              const t = await select([{ send: out, value: s.value! }, { recv: done }]);
              if (t.index === 1) break;
            }
            wg.done();
          }, 'selector');
          let cnt1 = 0;
          let cnt2 = 0;
          for (let i = 0; i < TRIALS; i++) {
            const b = await out.recv();
            if (b === 1) cnt1++;
            else if (b === 2) cnt2++;
            else throw new Error(`unexpected value ${b} on channel`);
          }
          counts = [cnt1, cnt2];
          close(done);
          await wg.wait();
        },
        { runs: 1, seed: SEED, maxSteps: 10 * TRIALS },
      );
      expectNoFindings(r, SEED, 1);
      // Go: |cnt1/trials - 0.5| <= 4.891676 / (2 * sqrt(trials)), a 6-nines interval for a fair coin.
      const [cnt1, cnt2] = counts;
      const d = Math.abs(cnt1 / TRIALS - 0.5);
      expect(cnt1 + cnt2, `seed ${SEED}`).toBe(TRIALS);
      expect(d, `seed ${SEED}: cnt1=${cnt1} cnt2=${cnt2}`).toBeLessThanOrEqual(
        4.891676 / (2 * Math.sqrt(TRIALS)),
      );
    }
  });

  it('TestChanSendInterface: sends of objects into a full channel take default (seed 29)', async () => {
    const SEED = 29;
    const r = await explore(
      async () => {
        const m = { name: 'mt' };
        const c = chan<object>(1);
        await c.send(m);
        const s1 = await select([{ send: c, value: m }, { default: true }]);
        check(s1.index === 1, 'sent into a full channel');
        const s2 = await select([{ send: c, value: m }, { send: c, value: {} }, { default: true }]);
        check(s2.index === 2, 'sent into a full channel');
        check((await c.recv()) === m, 'wrong object');
      },
      { runs: 5, seed: SEED },
    );
    expectNoFindings(r, SEED, 5);
  });

  for (const chanCap of [0, 100]) {
    it(`TestPseudoRandomSend cap ${chanCap}: both of two sends to one channel are chosen > n/10 times (seed 30)`, async () => {
      const SEED = 30;
      const N = 100; // Go: n = 100 (same)
      const RUNS = 10;
      const counts: [number, number][] = [];
      const r = await explore(
        async () => {
          const c = chan<number>(chanCap);
          const l: number[] = new Array<number>(N).fill(-1);
          const m = new Mutex();
          await m.lock();
          go(async () => {
            for (let i = 0; i < N; i++) {
              await yield_();
              l[i] = (await c.recv())!;
            }
            m.unlock(); // unlocked by another task than the one that locked, as Go allows
          }, 'receiver');
          for (let i = 0; i < N; i++)
            await select([
              { send: c, value: 1 },
              { send: c, value: 0 },
            ]);
          await m.lock();
          const n0 = l.filter((v) => v === 0).length;
          const n1 = l.filter((v) => v === 1).length;
          counts.push([n0, n1]);
          check(
            n0 > N / 10 && n1 > N / 10,
            `Want pseudorandom, got ${n0} zeros and ${n1} ones (chan cap ${chanCap})`,
          );
        },
        { runs: RUNS, seed: SEED, maxSteps: 100 * N },
      );
      expectNoFindings(r, SEED, RUNS);
      expect(counts).toHaveLength(RUNS);
    });
  }

  it('TestMultiConsumer: 23 workers between two cap-69 channels deliver every item once (seed 31)', async () => {
    const SEED = 31;
    const NWORK = 23; // Go: 23 (same)
    const NITER = 2718; // Go: 271828
    const PN = [2, 3, 7, 11, 13, 17, 19, 23, 27, 31];
    let checked = 0;
    const r = await explore(
      async () => {
        const q = chan<number>(NWORK * 3);
        const rr = chan<number>(NWORK * 3);
        const wg = new WaitGroup();
        for (let i = 0; i < NWORK; i++) {
          wg.add(1);
          const w = i;
          go(async () => {
            for await (const v of q) {
              // Mess with the fifo-ish nature of range.
              if (PN[w % PN.length] === v) await yield_();
              await rr.send(v);
            }
            wg.done();
          }, 'worker');
        }
        let expect = 0;
        go(async () => {
          for (let i = 0; i < NITER; i++) {
            const v = PN[i % PN.length]!;
            expect += v;
            await q.send(v);
          }
          close(q);
          await wg.wait();
          close(rr);
        }, 'feeder');
        let n = 0;
        let s = 0;
        for await (const v of rr) {
          n++;
          s += v;
        }
        check(
          n === NITER && s === expect,
          `Expected ${NITER} values with sum ${expect}, got ${n} values with sum ${s}`,
        );
        checked++;
      },
      { runs: 5, seed: SEED, maxSteps: 20 * NITER },
    );
    expectNoFindings(r, SEED, 5);
    expect(checked).toBe(5);
  });

  it('TestSelectDuplicateChannel: a select woken through d leaves both of its entries on c (seed 32)', async () => {
    const SEED = 32;
    const RUNS = 200;
    let checked = 0;
    const r = await explore(
      async () => {
        const c = chan<number>();
        const d = chan<number>();
        const e = chan<number>();
        go(async () => {
          await select([{ recv: c }, { recv: c }, { recv: d }]);
          await e.send(9);
        }, 'A');
        await settle(); // Go: time.Sleep(time.Millisecond), so A is queued on c twice first
        let gotB: number | undefined;
        go(async () => {
          gotB = await c.recv();
        }, 'B');
        await settle();
        await d.send(7); // wakes A, which must leave c's queue
        check((await e.recv()) === 9, 'e');
        await c.send(8); // must wake B, not the already-woken A
        await settle();
        check(gotB === 8, `B received ${gotB}`);
        checked++;
      },
      { runs: RUNS, seed: SEED },
    );
    expectNoFindings(r, SEED, RUNS);
    expect(checked).toBe(RUNS);
  });
});
