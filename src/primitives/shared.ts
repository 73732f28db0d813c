import { VarState } from '../runtime/happens-before/race.js';
import type { Owned, Runtime } from '../runtime/contract.js';
import type { Footprint } from '../strategies/strategy.js';
import type { Performer, Task } from '../runtime/task.js';
import { requireRuntime } from './chan.js';

const Op = { Load: 1, Store: 2 } as const;

/**
 * A variable the race detector watches. `get`/`set` are plain accesses (not switch points): Go's
 * `x` and `x = v`. `load`/`store` are the same accesses made switch points, so the explorer can
 * interleave a read-modify-write (`store(await load() + 1)`) with other tasks. Two accesses from
 * different tasks, one a write, not ordered by happens-before, are a `race` finding, even on a
 * schedule where the result happened to come out right.
 */
export class Shared<T> implements Performer, Owned {
  readonly rt: Runtime;
  readonly label: string;
  private readonly id: number;
  private value: T;
  private readonly state: VarState;
  private readonly readFp: Footprint;
  private readonly writeFp: Footprint;

  constructor(initial: T, name?: string) {
    this.rt = requireRuntime('shared()');
    const { id, label } = this.rt.register('shared');
    this.id = id;
    this.label = label;
    this.value = initial;
    this.state = new VarState(name ? `${name} (${label})` : label);
    this.readFp = [{ obj: id, write: false }];
    this.writeFp = [{ obj: id, write: true }];
  }

  get(): T {
    const t = this.rt.caller('get', this.label);
    if (t !== null) this.read(t);
    return this.value;
  }

  set(value: T): void {
    const t = this.rt.caller('set', this.label);
    if (t !== null) this.write(t);
    this.value = value;
  }

  /** `get()` as a switch point. */
  load(): Promise<T> {
    return this.rt.announce(this, Op.Load, undefined, 'load');
  }

  /** `set(value)` as a switch point. */
  store(value: T): Promise<void> {
    return this.rt.announce(this, Op.Store, value, 'store');
  }

  perform(task: Task): boolean {
    if (task.op === Op.Load) {
      this.read(task);
      task.result = this.value;
    } else {
      this.write(task);
      this.value = task.arg as T;
    }
    return true;
  }

  /** An access: in the trace of a replay (so the interleaving shows it), then to the detector. */
  private read(t: Task): void {
    this.rt.recorder?.emit(this.rt.steps, t.id, 'VarRead', { obj: this.state.label }, t.site);
    this.rt.raceRead(t, this.state);
  }

  private write(t: Task): void {
    this.rt.recorder?.emit(this.rt.steps, t.id, 'VarWritten', { obj: this.state.label }, t.site);
    this.rt.raceWrite(t, this.state);
  }

  footprint(task: Task): Footprint {
    return task.op === Op.Load ? this.readFp : this.writeFp;
  }

  /** The object id (for tests). */
  get objectId(): number {
    return this.id;
  }
}

/** A variable watched by the race detector: `shared(0, 'balance')`. */
export function shared<T>(initial: T, name?: string): Shared<T> {
  return new Shared(initial, name);
}
