// Port of golang/go test/chan/powser1.go: McIlroy's power series over demand channels (a request
// channel and a data channel, both unbuffered), with split's two-level select and release chain and
// getn's four-case select that disables cases with nil channels. Test mode, N = 10 coefficients.
// Go leaves the whole network parked when main returns (Go 1.19's powser1 just returns); interleave
// reports that as a leak, so the run is checked with findAll and every finding must be that leak.
import { describe, expect, it } from 'vitest';
import { chan, explore, go, select, type Chan, type MaybeChan } from '../../src/index.js';
import { check } from './helpers.js';

const SEED = 41;
const RUNS = 4;
const N = 10;

interface Rat {
  readonly num: number;
  readonly den: number;
}
interface Dch {
  readonly req: Chan<number>;
  readonly dat: Chan<Rat>;
  readonly nam: number;
}
type Dch2 = [Dch, Dch];

function gcd(u: number, v: number): number {
  if (u < 0) return gcd(-u, v);
  if (u === 0) return v;
  return gcd(v % u, u);
}
// Go's integer division truncates toward zero; so does Math.trunc.
const div = (a: number, b: number): number => Math.trunc(a / b);
function i2tor(u: number, v: number): Rat {
  const g = gcd(u, v);
  return v > 0 ? { num: div(u, g), den: div(v, g) } : { num: div(-u, g), den: div(-v, g) };
}
const itor = (u: number): Rat => i2tor(u, 1);
const zero = itor(0);
const one = itor(1);
const finis = i2tor(1, 0);
const end = (u: Rat): number => (u.den === 0 ? 1 : 0);
function add(u: Rat, v: Rat): Rat {
  const g = gcd(u.den, v.den);
  return i2tor(u.num * div(v.den, g) + v.num * div(u.den, g), u.den * div(v.den, g));
}
function mul(u: Rat, v: Rat): Rat {
  const g1 = gcd(u.num, v.den);
  const g2 = gcd(u.den, v.num);
  return { num: div(u.num, g1) * div(v.num, g2), den: div(u.den, g2) * div(v.den, g1) };
}
const neg = (u: Rat): Rat => i2tor(-u.num, u.den);
const eq = (u: Rat, c: Rat): boolean => u.num === c.num && u.den === c.den;
const str = (u: Rat): string => (u.den === 1 ? `${u.num}` : `${u.num}/${u.den}`);

/** The network of one run: Go's package-level state (chnameserial, seqno, Ones, Twos). */
function powser() {
  let chnameserial = -1;
  let seqno = 0;
  const mkdch = (): Dch => {
    chnameserial++;
    return { req: chan<number>(), dat: chan<Rat>(), nam: chnameserial % 52 };
  };
  const mkdch2 = (): Dch2 => [mkdch(), mkdch()];

  // split: see powser1.go; `out` is shared (by pointer) by every generation of dosplit.
  const dosplit = async (inp: Dch, out: Dch2, wait: Chan<number>): Promise<void> => {
    let both = false;
    const s = await select([{ recv: out[0].req }, { recv: wait }]);
    if (s.index === 1) {
      both = true;
      const t = await select([{ recv: out[0].req }, { recv: out[1].req }]);
      if (t.index === 1) [out[0], out[1]] = [out[1], out[0]];
    }
    seqno++;
    await inp.req.send(seqno);
    const release = chan<number>();
    go(() => dosplit(inp, out, release), 'dosplit');
    const dat = (await inp.dat.recv())!;
    await out[0].dat.send(dat);
    if (!both) await wait.recv();
    await out[1].req.recv();
    await out[1].dat.send(dat);
    await release.send(0);
  };
  const split = async (inp: Dch, out: Dch2): Promise<void> => {
    const release = chan<number>();
    go(() => dosplit(inp, out, release), 'dosplit');
    await release.send(0);
  };
  const put = async (dat: Rat, out: Dch): Promise<void> => {
    await out.req.recv();
    await out.dat.send(dat);
  };
  const get = async (inp: Dch): Promise<Rat> => {
    seqno++;
    await inp.req.send(seqno);
    return (await inp.dat.recv())!;
  };
  const getn = async (inp: Dch[]): Promise<Rat[]> => {
    check(inp.length === 2, 'bad n in getn');
    const req: MaybeChan<number>[] = [inp[0]!.req, inp[1]!.req];
    const dat: MaybeChan<Rat>[] = [null, null];
    const out: Rat[] = [zero, zero];
    for (let n = 2 * inp.length; n > 0; n--) {
      seqno++;
      const s = await select([
        { send: req[0], value: seqno },
        { send: req[1], value: seqno },
        { recv: dat[0] },
        { recv: dat[1] },
      ]);
      if (s.index < 2) {
        dat[s.index] = inp[s.index]!.dat;
        req[s.index] = null;
      } else {
        out[s.index - 2] = s.value!;
        dat[s.index - 2] = null;
      }
    }
    return out;
  };
  const get2 = (in0: Dch, in1: Dch) => getn([in0, in1]);
  const copy = async (inp: Dch, out: Dch): Promise<never> => {
    for (;;) {
      await out.req.recv();
      await out.dat.send(await get(inp));
    }
  };
  const repeat = async (dat: Rat, out: Dch): Promise<never> => {
    for (;;) await put(dat, out);
  };
  const mkPS = mkdch;
  const mkPS2 = mkdch2;

  const Split = (U: Dch): Dch2 => {
    const UU = mkdch2();
    go(() => split(U, UU), 'split');
    return UU;
  };
  const Add = (U: Dch, V: Dch): Dch => {
    const Z = mkPS();
    go(async () => {
      for (;;) {
        await Z.req.recv();
        const uv = await get2(U, V);
        switch (end(uv[0]!) + 2 * end(uv[1]!)) {
          case 0:
            await Z.dat.send(add(uv[0]!, uv[1]!));
            break;
          case 1:
            await Z.dat.send(uv[1]!);
            await copy(V, Z);
            break;
          case 2:
            await Z.dat.send(uv[0]!);
            await copy(U, Z);
            break;
          case 3:
            await Z.dat.send(finis);
        }
      }
    }, 'Add');
    return Z;
  };
  const Cmul = (c: Rat, U: Dch): Dch => {
    const Z = mkPS();
    go(async () => {
      let done = false;
      while (!done) {
        await Z.req.recv();
        const u = await get(U);
        if (end(u) !== 0) done = true;
        else await Z.dat.send(mul(c, u));
      }
      await Z.dat.send(finis);
    }, 'Cmul');
    return Z;
  };
  const Sub = (U: Dch, V: Dch): Dch => Add(U, Cmul(neg(one), V));
  const Rep = (c: Rat): Dch => {
    const Z = mkPS();
    go(() => repeat(c, Z), 'repeat');
    return Z;
  };
  const Mul = (U: Dch, V: Dch): Dch => {
    const Z = mkPS();
    go(async () => {
      await Z.req.recv();
      const uv = await get2(U, V);
      if (end(uv[0]!) !== 0 || end(uv[1]!) !== 0) {
        await Z.dat.send(finis);
      } else {
        await Z.dat.send(mul(uv[0]!, uv[1]!));
        const UU = Split(U);
        const VV = Split(V);
        const W = Add(Cmul(uv[0]!, VV[0]), Cmul(uv[1]!, UU[0]));
        await Z.req.recv();
        await Z.dat.send(await get(W));
        await copy(Add(W, Mul(UU[1], VV[1])), Z);
      }
    }, 'Mul');
    return Z;
  };
  const Diff = (U: Dch): Dch => {
    const Z = mkPS();
    go(async () => {
      await Z.req.recv();
      let u = await get(U);
      if (end(u) === 0) {
        let done = false;
        for (let i = 1; !done; i++) {
          u = await get(U);
          if (end(u) !== 0) done = true;
          else {
            await Z.dat.send(mul(itor(i), u));
            await Z.req.recv();
          }
        }
      }
      await Z.dat.send(finis);
    }, 'Diff');
    return Z;
  };
  const Integ = (c: Rat, U: Dch): Dch => {
    const Z = mkPS();
    go(async () => {
      await put(c, Z);
      let done = false;
      for (let i = 1; !done; i++) {
        await Z.req.recv();
        const u = await get(U);
        if (end(u) !== 0) done = true;
        await Z.dat.send(mul(i2tor(1, i), u));
      }
      await Z.dat.send(finis);
    }, 'Integ');
    return Z;
  };
  // Go's Exp calls split in the caller: `release <- 0` completes at once, because the new dosplit's
  // first select takes the release (case <-wait) before any request arrives.
  const Exp = async (U: Dch): Promise<Dch> => {
    const ZZ = mkPS2();
    await split(Integ(one, Mul(ZZ[0], Diff(U))), ZZ);
    return ZZ[1];
  };
  const MonSubst = (U: Dch, c0: Rat, n: number): Dch => {
    const Z = mkPS();
    go(async () => {
      let c = one;
      for (;;) {
        await Z.req.recv();
        const u = await get(U);
        await Z.dat.send(mul(u, c));
        c = mul(c, c0);
        if (end(u) !== 0) {
          await Z.dat.send(finis);
          break;
        }
        for (let i = 1; i < n; i++) {
          await Z.req.recv();
          await Z.dat.send(zero);
        }
      }
    }, 'MonSubst');
    return Z;
  };
  return { get, Add, Cmul, Sub, Rep, Mul, Diff, Integ, Exp, MonSubst };
}

describe('powser1.go', () => {
  it(`Ones, Add, Diff, Integ, Cmul, Sub, Mul, Exp and ATan give McIlroy's coefficients (seed ${SEED})`, async () => {
    let checked = 0;
    const r = await explore(
      async () => {
        const ps = powser();
        const { get } = ps;
        const Ones = ps.Rep(one);
        const Twos = ps.Rep(itor(2));
        const checkn = async (U: Dch, c: Rat, count: number, what: string) => {
          for (let i = 0; i < count; i++) {
            const got = await get(U);
            check(eq(got, c), `${what}: got ${str(got)} should get ${str(c)}`);
          }
        };
        const checka = async (U: Dch, a: Rat[], what: string) => {
          for (let i = 0; i < N; i++) await checkn(U, a[i]!, 1, what);
        };
        await checkn(Ones, one, 5, 'Ones');
        await checkn(ps.Add(Ones, Ones), itor(2), 0, 'Add Ones Ones');
        await checkn(ps.Add(Ones, Twos), itor(3), 0, 'Add Ones Twos');
        const seq = (f: (i: number) => Rat) => Array.from({ length: N }, (_, i) => f(i));
        await checka(
          ps.Diff(Ones),
          seq((i) => itor(i + 1)),
          'Diff',
        );
        await checka(
          ps.Integ(zero, Ones),
          seq((i) => (i === 0 ? zero : i2tor(1, i))),
          'Integ',
        );
        await checkn(ps.Cmul(neg(one), Twos), itor(-2), 10, 'CMul');
        await checkn(ps.Sub(Ones, Twos), itor(-1), 0, 'Sub Ones Twos');
        await checka(
          ps.Mul(Ones, Ones),
          seq((i) => itor(i + 1)),
          'Mul',
        );
        const exp = [
          itor(1),
          itor(1),
          i2tor(3, 2),
          i2tor(13, 6),
          i2tor(73, 24),
          i2tor(167, 40),
          i2tor(4051, 720),
          i2tor(37633, 5040),
          i2tor(43817, 4480),
          i2tor(4596553, 362880),
        ];
        await checka(await ps.Exp(Ones), exp, 'Exp');
        let c = 1;
        const atan = seq((i) => {
          if (i % 2 === 0) return zero;
          const v = i2tor(c, i);
          c *= -1;
          return v;
        });
        await checka(ps.Integ(zero, ps.MonSubst(Ones, neg(one), 2)), atan, 'ATan');
        checked++;
      },
      { runs: RUNS, seed: SEED, findAll: true, maxSteps: 200_000, graceSteps: 200_000 },
    );
    // The parked network's size depends on the schedule, so the leak's message (its task count) may
    // differ between runs; anything but a leak is a failure.
    const other = r.findings.filter((f) => f.kind !== 'leak');
    expect(
      other.map((f) => `${f.kind}: ${f.message} | ${f.summary} | ${f.replay}`),
      `seed ${SEED}`,
    ).toEqual([]);
    expect(r.runs).toBe(RUNS);
    expect(checked).toBeGreaterThanOrEqual(RUNS);
  });
});
