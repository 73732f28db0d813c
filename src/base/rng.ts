/**
 * A small seeded PRNG (sfc32 seeded through splitmix32). Fast, 32-bit, and — the property that
 * matters here — identical output for the same seed on every platform, so a seed is a replay.
 */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `stream` separates independent sequences from one seed (e.g. one per run). */
  constructor(seed: number, stream = 0) {
    this.a = this.b = this.c = this.d = 0;
    this.reseed(seed, stream);
  }

  /** The state of `new Rng(seed, stream)`, without allocating. */
  reseed(seed: number, stream = 0): void {
    const mix = splitmix32((seed ^ Math.imul(stream + 1, 0x27d4eb2f)) >>> 0);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1), usable as a `Math.random` replacement. */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). Uses the high bits (multiply-shift), unbiased enough for n far below 2^32. */
  below(n: number): number {
    return Math.floor((this.nextUint32() / 4294967296) * n);
  }
}
