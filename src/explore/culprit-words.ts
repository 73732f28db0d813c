import { eventData, type TraceEvent } from '../runtime/recorder.js';
import { EventKind, type EventData } from '../runtime/events.js';

/*
 * How a culprit step is said: who did it (`task 3 (closer)`) and what it did (`closed chan#1`),
 * read from the event's payload, never parsed back from its text.
 */

/** `task 2 (sender)` for every task the events saw start, else `task 2`; 0 is the runtime. */
export class Labels {
  private readonly byId = new Map<number, string>();

  constructor(events: readonly TraceEvent[], tasks: readonly { id: number; name: string }[]) {
    for (const t of tasks) this.byId.set(t.id, `task ${t.id} (${t.name})`);
    for (const e of events) {
      const d = eventData(e);
      if (d?.kind === EventKind.TaskSpawned && d.child !== null) this.byId.set(d.child, e.obj);
    }
  }

  of(id: number): string {
    return id === 0 ? 'the runtime' : (this.byId.get(id) ?? `task ${id}`);
  }
}

/** What an event did, as a verb phrase on its object: `sent 3 on chan#1`, `unlocked mutex#2`. */
export function didWhat(e: TraceEvent): string {
  const d = eventData(e);
  return d ? phrase(d, e.obj) : `${e.event} ${e.obj}`.trim();
}

function phrase(d: EventData, obj: string): string {
  switch (d.kind) {
    case EventKind.ChanSent:
      return `sent ${d.value} on ${obj}`;
    case EventKind.ChanReceived:
      return d.value === null ? `received from ${obj} and saw it closed` : `received ${d.value} from ${obj}`;
    case EventKind.ChanClosed:
      return `closed ${obj}`;
    case EventKind.TaskBlocked:
      return `blocked on ${obj} (${d.reason})`;
    case EventKind.WaitGroupAdded:
      return `called add(${d.delta}) on ${obj} (counter ${d.counter - d.delta} → ${d.counter})`; // as explain's story says it
    case EventKind.WaitGroupWaited:
      return `waited on ${obj}`;
    case EventKind.MutexLocked:
    case EventKind.RWMutexLocked:
      return `locked ${obj}`;
    case EventKind.RWMutexRLocked:
      return `read-locked ${obj}`;
    case EventKind.MutexUnlocked:
    case EventKind.RWMutexUnlocked:
      return `unlocked ${obj}`;
    case EventKind.RWMutexRUnlocked:
      return `read-unlocked ${obj}`;
    case EventKind.CondSignaled:
      return `signaled ${obj}`;
    case EventKind.CondBroadcast:
      return `broadcast on ${obj}`;
    case EventKind.CondWoke:
      return `woke on ${obj}`;
    case EventKind.VarRead:
      return `read ${obj}`;
    case EventKind.VarWritten:
      return `wrote ${obj}`;
    case EventKind.AtomicLoaded:
      return `loaded ${d.value} from ${obj}`;
    case EventKind.AtomicStored:
      return `stored ${d.value} in ${obj}`;
    case EventKind.AtomicAdded:
      return `added ${d.delta} to ${obj} (then ${d.result})`;
    case EventKind.AtomicSwapped:
      return `swapped ${obj} from ${d.old} to ${d.new}`;
    case EventKind.AtomicCompareAndSwapped:
      return `compare-and-swapped ${obj} (${d.swapped ? 'swapped' : 'not swapped'})`;
    case EventKind.TaskPanicked:
    case EventKind.FatalError:
      return `failed with ${d.message}`;
    case EventKind.TimerFired:
      return `fired ${obj}`;
    case EventKind.ContextCanceled:
      return `canceled ${obj}`;
    default:
      return `${d.kind} ${obj}`.trim();
  }
}

/** The same phrase with `it` for the object, once it has been named: `sent 3 on it`. */
export function didWhatToIt(e: TraceEvent): string {
  const text = didWhat(e);
  if (!e.obj) return text;
  const at = text.indexOf(e.obj);
  return at < 0 ? text : `${text.slice(0, at)}it${text.slice(at + e.obj.length)}`;
}
