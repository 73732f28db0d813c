import { channel } from '@thi.ng/csp';
import { describe, expect, it } from 'vitest';
import { perMessage } from '../bench/free-counts.js';
import { FloorChan } from '../bench/floor-chan.js';
import { chan } from '../src/index.js';
import { settles } from './fixtures/settles.js';

/*
 * The claims bench/free-peers.ts and docs/free-mode.md make about the fastest peer's unbuffered
 * channel (@thi.ng/csp's channel(1), every write awaited) and about our floor, checked rather than
 * read from the source: what completes when, what Go semantics it gives up, and what one message
 * costs (counted, not timed).
 */

describe('@thi.ng/csp channel(1), the fastest peer on unbuffered messages', () => {
  it('should complete an awaited write only once a reader has taken the value (a rendezvous)', async () => {
    const c = channel<number>(1);
    const w = c.write(1);
    expect(await settles(w)).toBe(false); // in its buffer of one, yet the write waits
    expect(await c.read()).toBe(1);
    expect(await w).toBe(true);
  });

  it('should make two promises per message where ours and the floor make one, all with two jobs', async () => {
    expect(await perMessage('thing_csp', 'unbuffered')).toEqual({ promises: 2, jobs: 2 });
    expect(await perMessage('interleave', 'unbuffered')).toEqual({ promises: 1, jobs: 2 });
    expect(await perMessage('floor', 'unbuffered')).toEqual({ promises: 1, jobs: 2 });
  });

  it('should give up Go on close: a write after close resolves false, a parked write is still read', async () => {
    const c = channel<number>(1);
    const parked = c.write(1);
    c.close();
    expect(await c.write(2)).toBe(false); // Go: panic: send on closed channel
    expect(await c.read()).toBe(1); // Go: the parked sender panics, the value is never received
    expect(await parked).toBe(true);
    expect(await c.read()).toBeUndefined(); // no ok flag, no zero value of the element type
  });

  it('should not tell a sent undefined from a closed channel, which ours does (recvOk)', async () => {
    const c = channel<undefined>(1);
    void c.write(undefined);
    expect(await c.read()).toBeUndefined();
    const ours = chan<undefined>();
    void ours.send(undefined);
    expect(await ours.recvOk()).toEqual([undefined, true]);
    ours.close();
    expect(await ours.recvOk()).toEqual([undefined, false]);
  });
});

describe('the floor channel (bench/floor-chan.ts)', () => {
  it('should keep rendezvous order with parked senders behind the slot, buffered or not', async () => {
    for (const capacity of [0, 1]) {
      const c = new FloorChan(capacity);
      const sent = [1, 2, 3].map((v) => c.send(v));
      const got = [await c.recv(), await c.recv(), await c.recv()];
      expect(got).toEqual([1, 2, 3]);
      await Promise.all(sent);
      expect(await settles(c.recv())).toBe(false); // empty: a receive waits
    }
  });

  it('should complete parked receivers in order', async () => {
    const c = new FloorChan(0);
    const got = [c.recv(), c.recv()];
    await c.send('a');
    await c.send('b');
    expect(await Promise.all(got)).toEqual(['a', 'b']);
  });
});
