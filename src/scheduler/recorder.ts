import { inspect } from 'node:util';
import type { RecordedChoice } from './replay.js';

/**
 * One thing that happened, in the past-tense vocabulary shared by JSON, terminal and HTML reports
 * (`TaskSpawned`, `ChanSent`, `ChanReceived`, `ChanClosed`, `SelectChose`, `TaskBlocked`, ...).
 */
export interface TraceEvent {
  readonly step: number;
  /** The task that did it (0: the runtime itself). */
  readonly task: number;
  readonly event: string;
  /** The object it was done to (`chan#2`), or ''. */
  readonly obj: string;
  /** A short summary: the value sent, the case chosen, the wait reason. */
  readonly detail: string;
  readonly site: string | null;
}

/** Collects events and choices by stable id. Exists only while replaying a failing schedule. */
export class Recorder {
  readonly events: TraceEvent[] = [];
  readonly choices: RecordedChoice[] = [];

  emit(step: number, task: number, event: string, obj: string, detail: string, site: string | null): void {
    this.events.push({ step, task, event, obj, detail, site });
  }
}

/** A short, deterministic rendering of a value for events (never a whole object graph). */
export function summarize(value: unknown): string {
  const s = inspect(value, { depth: 1, breakLength: Infinity, maxArrayLength: 5, maxStringLength: 40 });
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
