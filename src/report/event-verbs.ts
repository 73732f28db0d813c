import { WaitReason } from '../base/go-texts.js';
import { eventData, type TraceEvent } from '../runtime/recorder.js';
import { EventKind, type EventData } from '../runtime/events.js';

/*
 * Events and wait reasons in explain's words: one verb phrase per event kind (`sent 1 on chan#2`)
 * and what a blocked task waits to do (`receive from chan#1`). explain-context.ts tells the story
 * with them.
 */

/** An event as a verb phrase: `sent 1 on chan#2`. */
export function eventVerb(e: TraceEvent): string {
  const d = eventData(e);
  switch (d?.kind) {
    case EventKind.TaskSpawned:
      return `started ${d.obj}`;
    case EventKind.TaskFinished:
      return 'returned';
    case EventKind.TaskBlocked:
      return `blocked: it waits to ${waiting(d.reason, d.obj)}`;
    case EventKind.TaskPanicked:
      return `panicked: ${d.message}`;
    case EventKind.FatalError:
      return `hit a fatal error: ${d.message}`;
    case EventKind.ChanSent:
      return `sent ${d.value} on ${d.obj}`;
    case EventKind.ChanReceived:
      return d.value === null ? `received from ${d.obj}: it is closed` : `received ${d.value} from ${d.obj}`;
    case EventKind.ChanClosed:
      return `closed ${d.obj}`;
    case EventKind.SelectChose:
      return d.index === null
        ? 'took the default case of a select'
        : `chose case ${d.index} (${d.obj}) in a select`;
    case EventKind.WaitGroupAdded:
      return `called add(${d.delta}) on ${d.obj} (counter ${d.counter - d.delta} → ${d.counter})`;
    case EventKind.WaitGroupWaited:
      return `finished waiting on ${d.obj}`;
    case EventKind.MutexLocked:
    case EventKind.RWMutexLocked:
      return `locked ${d.obj}`;
    case EventKind.RWMutexRLocked:
      return `read-locked ${d.obj}`;
    case EventKind.MutexUnlocked:
    case EventKind.RWMutexUnlocked:
      return `unlocked ${d.obj}`;
    case EventKind.RWMutexRUnlocked:
      return `read-unlocked ${d.obj}`;
    case EventKind.TimerFired:
      return `saw ${d.obj} fire`;
    case EventKind.ContextCanceled:
      return `canceled ${d.obj}${d.cause ? ` (${d.cause})` : ''}`;
    case EventKind.VarRead:
      return `read ${d.obj}`;
    case EventKind.VarWritten:
      return `wrote ${d.obj}`;
    case EventKind.AwaitResumed:
      return 'went on after a plain await';
    case EventKind.CallStarted:
      return `ran ${d.obj} with ${d.args}`;
    case EventKind.CallReturned:
      return `answered ${d.obj}: ${d.value}`;
    case EventKind.CallFailed:
      return `failed ${d.obj}: ${d.error}`;
    default:
      // Any other kind in the trace's own words.
      return [e.event, e.obj, e.detail].filter(Boolean).join(' ');
  }
}

/** What a task died of, if the event says it died (a panic or a fatal error); else null. */
export function diedOf(d: EventData | null): string | null {
  return d?.kind === EventKind.TaskPanicked || d?.kind === EventKind.FatalError ? d.message : null;
}

export function site(e: TraceEvent): string {
  return e.site ? ` (${e.site})` : '';
}

/** A wait reason (Go's words) as what the task waits to do: `send on chan#2`. */
export function waiting(reason: string, obj: string): string {
  const on = obj && obj !== 'select' ? obj : 'it';
  switch (reason) {
    case WaitReason.chanSend:
      return `send on ${on}`;
    case WaitReason.chanReceive:
      return `receive from ${on}`;
    case WaitReason.chanSendNil:
      return 'send on a nil channel (forever)';
    case WaitReason.chanReceiveNil:
      return 'receive from a nil channel (forever)';
    case WaitReason.select:
      return 'complete a select';
    case WaitReason.selectNoCases:
      return 'complete a select with no cases (forever)';
    case WaitReason.waitGroupWait:
      return `see ${on} reach zero`;
    case WaitReason.mutexLock:
    case WaitReason.rwMutexLock:
      return `lock ${on}`;
    case WaitReason.rwMutexRLock:
      return `read-lock ${on}`;
    case WaitReason.condWait:
      return `be signaled on ${on}`;
    case WaitReason.sleep:
      return 'wake from a sleep';
    default:
      return `${reason}${obj ? ` on ${obj}` : ''}`;
  }
}
