import type { Footprint } from '../strategies/strategy.js';

/*
 * Coverage: a fingerprint per execution, equal for two executions that differ only in the order of
 * independent operations (Mazurkiewicz equivalence): each object's ordered sequence of
 * (task, operation) is hashed separately, and the per-object hashes are combined without order.
 * So "10,000 runs, 40 behaviours" can be told apart from "10,000 runs, 10,000 behaviours".
 *
 * "Independent" is DPOR's dependency relation (step-log.ts), so that `distinct` and DPOR's
 * equivalence classes mean the same thing: a step touches the footprint of the operation it
 * performs, every object its resumed code used synchronously (close, unlock, add/done, signal,
 * cancel, shared get/set, tracked accesses...), and everything the tasks it woke were parked on (a
 * select woken through one channel leaves the queues of all its others); a timer firing touches its
 * owner. Program order and spawns (DPOR's per-task virtual objects) order nothing the schedule can
 * change, so they are left out. Recording a step allocates nothing: one rolling hash per object.
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

const WAKE = hashString('wake');
const FIRE = hashString('fire');
const ACCESS = hashString('access');

export class Fingerprint {
  /** Per object id: the rolling hash of its (task, operation) sequence. */
  private readonly perObject: number[] = [];
  /** The hash of whoever moves in the current step (a task's stable id, or a timer's). */
  private mover = 0;
  /**
   * Per object id: a key that names the object the same way in every schedule (its creating task's
   * stable id and its ordinal there), since ids follow creation order, which schedules change.
   */
  private readonly keys: number[] = [];

  name(obj: number, key: number): void {
    this.keys[obj] = key;
  }

  /** A new step by the task (or timer) whose stable id hashes to `mover`. */
  step(mover: number): void {
    this.mover = mover;
  }

  /** The step's task performs `op` (a blocking operation) on `obj`. */
  record(obj: number, taskHash: number, op: string): void {
    this.add(obj, taskHash, opHash(op));
  }

  /** `task` used object `obj` synchronously (`op`: close, add, get...). */
  touched(obj: number, taskHash: number, op: string): void {
    this.add(obj, taskHash, opHash(op));
  }

  /** A plain read or write of a tracked object (`track()`), by `task`. */
  accessed(obj: number, taskHash: number): void {
    this.add(obj, taskHash, ACCESS);
  }

  /** The step completed an operation parked on these objects (another task's). */
  woke(footprint: Footprint): void {
    for (let i = 0; i < footprint.length; i++) this.add(footprint[i]!.obj, this.mover, WAKE);
  }

  /** A timer (its stable id hashed) fires, touching its owner's objects. */
  fired(timerHash: number, footprint: Footprint): void {
    this.mover = timerHash;
    for (let i = 0; i < footprint.length; i++) this.add(footprint[i]!.obj, timerHash, FIRE);
  }

  private add(obj: number, who: number, op: number): void {
    this.perObject[obj] = mix(mix(this.perObject[obj] ?? 0x9e3779b9, who), op);
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
