import { format } from 'node:util';
import { realm } from '../runtime/realm.js';
import type { Recorder } from '../runtime/recorder.js';
import type { Run } from '../runtime/contract.js';

/**
 * While a failing schedule is replayed, what the program prints becomes events too, so the
 * interleaving shows each line in the row of the step that printed it. Printing still happens,
 * unless the exploration silenced the console (`silenceConsole`): then the events are all there is.
 */
export function captureConsole(rt: Run, recorder: Recorder): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  // The console's methods are bound in Node: saving and calling them detached is safe.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const saved = methods.map((m) => console[m]);
  methods.forEach((m, i) => {
    const original = saved[i]!;
    console[m] = (...args: unknown[]) => {
      if (realm.rt === rt) {
        const t = rt.current;
        recorder.emit(rt.steps, t?.id ?? 0, 'ConsoleLogged', { method: m, text: format(...args) }, null);
      }
      original.apply(console, args);
    };
  });
  return () => methods.forEach((m, i) => (console[m] = saved[i]!));
}

/** The console methods that write; the others (group, count, assert, timeEnd, …) write through these. */
const WRITERS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table'] as const;

/**
 * An exploration with `console: 'quiet'`: until the returned function is called, console output is
 * dropped, whoever prints it (the exploration holds the realm: what runs is the program's code).
 * A run that records (the replays of a failing schedule) captures its lines as events on top.
 */
export function silenceConsole(): () => void {
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const saved = WRITERS.map((m) => console[m]);
  for (const m of WRITERS) console[m] = () => {};
  return () => WRITERS.forEach((m, i) => (console[m] = saved[i]!));
}
