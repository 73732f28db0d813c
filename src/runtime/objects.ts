import { hashString, type Fingerprint } from './fingerprint.js';
import type { Task } from './task.js';

/**
 * The objects of one runtime (channels, mutexes, timers' owners...): ids, display labels
 * (`chan#3`: the third channel) and, under a run, the label-to-id index that synchronous operations
 * name their object by, and each object's coverage name (a stable id: fingerprint.ts).
 */
export class ObjectRegistry {
  private count = 0;
  private readonly kindCounts = new Map<string, number>();
  /** Object ids by display label; null in free mode, where objects come and go for ever. */
  private readonly ids: Map<string, number> | null;

  /** `fingerprint`: the run's coverage, which names each object; null in free mode (no run). */
  constructor(private readonly fingerprint: Fingerprint | null) {
    this.ids = fingerprint === null ? null : new Map();
  }

  /** A fresh object id and its label, for an object made by `creator` (null: the runtime's own). */
  register(kind: string, creator: Task | null): { id: number; label: string } {
    const n = (this.kindCounts.get(kind) ?? 0) + 1;
    this.kindCounts.set(kind, n);
    const id = ++this.count;
    const label = `${kind}#${n}`;
    if (this.ids !== null) this.ids.set(label, id);
    this.fingerprint?.name(id, hashString(creator ? creator.objectStableId(kind) : `runtime/${kind}#${n}`));
    return { id, label };
  }

  /** The id of the object labelled `label`, if this runtime made it. */
  idOf(label: string): number | undefined {
    return this.ids?.get(label);
  }
}
