import { hashString, type Fingerprint } from './fingerprint.js';
import type { Task } from './task.js';

/**
 * What `register` hands a new object: its id, its display label (`chan#3`, or `chan#3 (jobs)` when
 * the program named it) and its stable label (always `chan#3`). Everything a person reads shows the
 * display label; everything a schedule records (select case ids, replay choices) uses the stable
 * one, so naming an object never changes its schedule identity.
 */
export interface Registered {
  readonly id: number;
  readonly label: string;
  readonly stableLabel: string;
}

/** The display label of an object: its stable label, followed by its name in parentheses. */
export function displayLabel(stableLabel: string, name: string | undefined): string {
  return name === undefined ? stableLabel : `${stableLabel} (${name})`;
}

/**
 * The objects of one runtime (channels, mutexes, timers' owners...): ids, labels (`chan#3`: the
 * third channel) and, under a run, the label-to-id index that synchronous operations name their
 * object by, and each object's coverage name (a stable id: fingerprint.ts).
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

  /**
   * A fresh object id and its labels, for an object made by `creator` (null: the runtime's own),
   * named `name` by the program if given (already checked by the primitive). The name never enters
   * the id, the stable label or the coverage name.
   */
  register(kind: string, creator: Task | null, name?: string): Registered {
    const n = (this.kindCounts.get(kind) ?? 0) + 1;
    this.kindCounts.set(kind, n);
    const id = ++this.count;
    const stableLabel = `${kind}#${n}`;
    const label = displayLabel(stableLabel, name);
    if (this.ids !== null) this.ids.set(label, id);
    this.fingerprint?.name(id, hashString(creator ? creator.objectStableId(kind) : `runtime/${kind}#${n}`));
    return { id, label, stableLabel };
  }

  /** The id of the object labelled `label` (its display label), if this runtime made it. */
  idOf(label: string): number | undefined {
    return this.ids?.get(label);
  }
}
