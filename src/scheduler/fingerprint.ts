/*
 * Coverage: a fingerprint per execution, equal for two executions that differ only in the order of
 * independent operations (Mazurkiewicz equivalence): each object's ordered sequence of
 * (task, operation) is hashed separately, and the per-object hashes are combined without order.
 * So "10,000 runs, 40 behaviours" can be told apart from "10,000 runs, 10,000 behaviours".
 */

/** 32-bit FNV-1a of a string (task stable ids, operation names: short, hashed once each). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}

const opHashes = new Map<string, number>();
function opHash(op: string): number {
  let h = opHashes.get(op);
  if (h === undefined) opHashes.set(op, (h = hashString(op)));
  return h;
}

export class Fingerprint {
  /** Per object id: the rolling hash of its (task, operation) sequence. */
  private readonly perObject: number[] = [];
  /**
   * Per object id: a key that names the object the same way in every schedule (its creating task's
   * stable id and its ordinal there), since ids follow creation order, which schedules change.
   */
  private readonly keys: number[] = [];

  name(obj: number, key: number): void {
    this.keys[obj] = key;
  }

  record(obj: number, taskHash: number, op: string): void {
    this.perObject[obj] = mix(mix(this.perObject[obj] ?? 0x9e3779b9, taskHash), opHash(op));
  }

  /**
   * The execution's fingerprint: 53 bits from two independent combinations of (key, sequence) pairs,
   * both commutative, so no order of objects is assumed.
   */
  value(): number {
    let a = 0;
    let b = 0;
    const objects = this.perObject;
    for (let i = 0; i < objects.length; i++) {
      const h = objects[i];
      if (h === undefined) continue;
      const key = this.keys[i] ?? i;
      a = (a + mix(key, h)) >>> 0;
      b = (b ^ mix(h, key ^ 0x5555)) >>> 0;
    }
    return a * 2 ** 21 + (b >>> 11);
  }
}
