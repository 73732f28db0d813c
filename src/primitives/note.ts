import { summarize } from '../runtime/recorder.js';
import { requireRuntime } from './chan.js';

/**
 * Annotate the interleaving: `note('balance', b)` shows `balance = 100` in the failing trace's
 * row for this step. Synchronous, not a switch point, and free while exploring (it records only when
 * a failing schedule is replayed).
 */
export function note(label: string, value?: unknown): void {
  const rt = requireRuntime('note');
  if (rt.recorder === null) return;
  const t = rt.caller('note');
  if (t === null) return;
  rt.recorder.emit(
    rt.steps,
    t.id,
    'Noted',
    { obj: label, value: arguments.length > 1 ? summarize(value) : null },
    t.site,
  );
}
