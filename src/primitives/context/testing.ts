import { realm } from '../../runtime/realm.js';
import { background, withTimeout } from './index.js';

/*
 * Test helpers that need no time package: a sleep made of a context deadline, and the clock.
 */

/** Blocks the calling task for `d` ns of virtual time (a withTimeout's done channel). */
export async function nap(d: number): Promise<void> {
  const [ctx] = withTimeout(background(), d);
  await ctx.done()!.recv();
}

/** The run's virtual clock (ns). */
export function clock(): number {
  return realm.rt!.now;
}
