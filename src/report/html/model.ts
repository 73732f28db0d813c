import type { Finding, TaskSnapshot } from '../../checker/findings.js';
import { eventData, type TraceEvent } from '../../runtime/recorder.js';
import { EventKind, type EventData } from '../../runtime/events.js';
import { goState } from '../dump.js';
import { columnOf, culpritIndices, spawnedTask, taskLabels } from '../interleaving.js';

/*
 * The timeline as data: lanes (one per task, plus one for the runtime's own events if it has any),
 * rows (one per step that has events) and the edges between events. Pure and ordered by ids and
 * indices only, so the same trace always gives the same page.
 */

export interface Lane {
  /** The task id; 0 is the runtime's lane (timers firing, the clock), which is not a task. */
  readonly id: number;
  readonly label: string;
  /** The task's name (`sender` of `task 2 (sender)`), null if the trace does not say. */
  readonly name: string | null;
  /** Go's bracket and what became of it: `leaked [chan send]`, `panicked`, `finished`. */
  readonly state: string | null;
  readonly spawnSite: string | null;
  /** The finding is about this task (it panicked, deadlocked or leaked). */
  readonly blamed: boolean;
}

export interface Row {
  readonly step: number;
  /** Event indices, in trace order. */
  readonly events: readonly number[];
}

/**
 * Happens-before edges the trace shows: `handoff` (a ChanSent and a ChanReceived on one channel
 * in one step, by two tasks), `spawn` (TaskSpawned before the child's first event), `close`
 * (ChanClosed before a receive that observed it), `unlock` (MutexUnlocked before the next
 * MutexLocked of that mutex by another task).
 */
export type EdgeKind = 'handoff' | 'spawn' | 'close' | 'unlock';

export interface Edge {
  readonly kind: EdgeKind;
  readonly from: number;
  readonly to: number;
}

export interface Timeline {
  readonly lanes: readonly Lane[];
  readonly rows: readonly Row[];
  readonly edges: readonly Edge[];
  /** Event index → lane id. */
  readonly laneOf: readonly number[];
  /** Event index → row index. */
  readonly rowOf: readonly number[];
  readonly culprits: ReadonlySet<number>;
}

export function buildTimeline(events: readonly TraceEvent[], finding: Finding | null): Timeline {
  const laneOf = events.map(columnOf);
  const labels = taskLabels(events);
  const snapshots = new Map<number, TaskSnapshot>((finding?.tasks ?? []).map((t) => [t.id, t]));
  const ids = new Set<number>([...laneOf, ...snapshots.keys()]);
  const finished = new Set(events.filter((e) => kindOf(e) === EventKind.TaskFinished).map((e) => e.task));
  const spawnSites = new Map<number, string | null>();
  const names = new Map<number, string>();
  for (const e of events) {
    const child = spawnedTask(e);
    if (child !== null) spawnSites.set(child, e.site);
  }
  for (const e of events) {
    const d = eventData(e);
    if (d?.kind === EventKind.TaskSpawned && d.child !== null && d.name !== null) names.set(d.child, d.name);
  }
  const lanes = [...ids]
    .sort((a, b) => a - b)
    .map((id): Lane => {
      const snap = snapshots.get(id);
      const label =
        id === 0 ? 'runtime' : (labels.get(id) ?? (snap ? `task ${id} (${snap.name})` : `task ${id}`));
      const name = id === 0 ? null : labels.has(id) ? (names.get(id) ?? null) : (snap?.name ?? null);
      return {
        id,
        label,
        name,
        state: id === 0 ? null : stateOf(id, snap, finding, finished.has(id)),
        spawnSite: snap?.spawnSite ?? spawnSites.get(id) ?? null,
        blamed: id !== 0 && isBlamed(id, snap, finding),
      };
    });

  const rows: Row[] = [];
  const rowOf: number[] = [];
  events.forEach((e, i) => {
    const last = rows[rows.length - 1];
    if (last && last.step === e.step) (last.events as number[]).push(i);
    else rows.push({ step: e.step, events: [i] });
    rowOf.push(rows.length - 1);
  });

  return { lanes, rows, edges: edgesOf(events), laneOf, rowOf, culprits: culpritIndices(events, finding) };
}

function stateOf(
  id: number,
  snap: TaskSnapshot | undefined,
  finding: Finding | null,
  done: boolean,
): string | null {
  if (snap) {
    if (finding?.kind === 'panic' && finding.task === id) return 'panicked';
    if (finding?.kind === 'leak') return `leaked [${goState(snap)}]`;
    return `[${goState(snap)}]`;
  }
  return done ? 'finished' : null;
}

function isBlamed(id: number, snap: TaskSnapshot | undefined, finding: Finding | null): boolean {
  if (!finding) return false;
  if (finding.task === id) return true;
  return snap !== undefined && (finding.kind === 'deadlock' || finding.kind === 'leak');
}

/** The edges, ordered by kind then by source event: a stable order for a stable page. */
export function edgesOf(events: readonly TraceEvent[]): Edge[] {
  const edges: Edge[] = [];
  // Hand-offs: within one step and one channel, each send pairs with the first unpaired receive of
  // another task (whichever the recorder wrote first).
  const data = events.map(eventData);
  const groups = new Map<string, { sent: number[]; received: number[] }>();
  events.forEach((e, i) => {
    const kind = data[i]?.kind;
    if (kind !== EventKind.ChanSent && kind !== EventKind.ChanReceived) return;
    const key = `${e.step}\u0000${e.obj}`;
    const g = groups.get(key) ?? { sent: [], received: [] };
    groups.set(key, g);
    (kind === EventKind.ChanSent ? g.sent : g.received).push(i);
  });
  for (const { sent, received } of groups.values()) {
    for (const s of sent) {
      const k = received.findIndex((r) => events[r]!.task !== events[s]!.task);
      if (k < 0) continue;
      edges.push({ kind: 'handoff', from: s, to: received[k]! });
      received.splice(k, 1);
    }
  }
  // Spawns: the TaskSpawned in the parent's lane to the child's first event.
  events.forEach((e, i) => {
    const child = spawnedTask(e);
    if (child === null || e.task === 0) return;
    const first = events.findIndex((f, j) => j > i && f.task === child);
    if (first >= 0) edges.push({ kind: 'spawn', from: i, to: first });
  });
  // A close to each receive of another task that observed it.
  events.forEach((e, i) => {
    if (data[i]?.kind !== EventKind.ChanClosed) return;
    events.forEach((f, j) => {
      if (j > i && sawClosed(data[j]) && f.obj === e.obj && f.task !== e.task) {
        edges.push({ kind: 'close', from: i, to: j });
      }
    });
  });
  // An unlock to the next lock of the same mutex, when another task takes it.
  events.forEach((e, i) => {
    if (data[i]?.kind !== EventKind.MutexUnlocked) return;
    const next = events.findIndex(
      (f, j) => j > i && f.obj === e.obj && data[j]?.kind === EventKind.MutexLocked,
    );
    if (next >= 0 && events[next]!.task !== e.task) edges.push({ kind: 'unlock', from: i, to: next });
  });
  const order: Record<EdgeKind, number> = { handoff: 0, spawn: 1, close: 2, unlock: 3 };
  return edges.sort((a, b) => order[a.kind] - order[b.kind] || a.from - b.from || a.to - b.to);
}

/** A receive that found its channel closed. */
function sawClosed(d: EventData | null | undefined): boolean {
  return d?.kind === EventKind.ChanReceived && d.value === null;
}

function kindOf(e: TraceEvent): string | undefined {
  return eventData(e)?.kind;
}
