/**
 * The or-channel: one channel that closes as soon as any of several channels closes.
 */
import { chan, go, select, type MaybeChan } from '../core.js';

/**
 * Closes iff some input closes (or yields a value). `null` inputs never close and are ignored; with
 * no other input the result is `null` (never closes), with one it is that input. Otherwise one
 * helper task waits on all inputs in one `select` (the seed recurses, three inputs per level, because
 * Go's select has a fixed number of cases; ours takes an array) and exits as soon as one closes.
 * While no input has closed the helper is alive: include a channel that will close, such as
 * `ctx.done()`, if the others may never close.
 */
export function or(...channels: MaybeChan<unknown, unknown>[]): MaybeChan<unknown, unknown> {
  const live = channels.filter((c) => c !== null && c !== undefined);
  if (live.length === 0) return null;
  if (live.length === 1) return live[0];
  const orDone = chan<void>();
  go(async () => {
    try {
      await select(live.map((c) => ({ recv: c })));
    } finally {
      orDone.close();
    }
  }, 'or');
  return orDone;
}
