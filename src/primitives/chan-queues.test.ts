import { describe, expect, it } from 'vitest';
import { GoPanic } from '../base/errors.js';
import { freeRuntime } from '../free/free.js';
import { chan } from './chan.js';
import { select } from './select.js';

/*
 * Free mode's slot (chan-queues.ts): the first parked fast-path operation is held as its resolve
 * alone, ahead of its queue. To everything else it must be indistinguishable from the head waiter of
 * that queue: order, close, select, len and the channel invariants.
 */

const rt = freeRuntime();

describe('free mode: the slot in front of a channel wait queue', () => {
  it('should count a parked operation in its queue only when something other than the fast path looks', () => {
    expect(rt.fast).toBe(true);
    const c = chan<number>();
    void c.recv(); // the slot
    void c.recv(); // the queue, behind it
    expect(c.recvq.size).toBe(2); // reading recvq puts the slot back at the head
    expect(c.sendq.size).toBe(0);
    expect(c.invariantViolation()).toBeNull();
  });

  it('should complete parked receivers in arrival order, the slot first', async () => {
    const c = chan<number>();
    const got = [c.recv(), c.recv(), c.recv()];
    await c.send(1);
    await c.send(2);
    await c.send(3);
    expect(await Promise.all(got)).toEqual([1, 2, 3]);
    expect(c.invariantViolation()).toBeNull();
  });

  it('should hand over the values of parked senders in arrival order, the slot first', async () => {
    const c = chan<string>();
    const sent = [c.send('a'), c.send('b'), c.send('c')];
    expect([await c.recv(), await c.recv(), await c.recv()]).toEqual(['a', 'b', 'c']);
    await Promise.all(sent);
    expect(c.len()).toBe(0);
  });

  it('should keep a full buffer FIFO when the sender in the slot refills it', async () => {
    const c = chan<number>(1);
    await c.send(1); // buffered
    const second = c.send(2); // the slot
    const third = c.send(3); // the queue
    expect(await c.recv()).toBe(1); // the buffer's head; 2 moves into the buffer
    await second;
    expect(c.len()).toBe(1);
    expect([await c.recv(), await c.recv()]).toEqual([2, 3]);
    await third;
    expect(c.invariantViolation()).toBeNull();
  });

  it('should let a select serve the slot before the operations queued after it', async () => {
    const c = chan<number>();
    const first = c.recv(); // the slot
    const second = c.recv(); // the queue
    expect((await select([{ send: c, value: 7 }])).index).toBe(0);
    await c.send(8); // the fast path again: the queue's head
    expect([await first, await second]).toEqual([7, 8]);
  });

  it('should let a select take the value of the sender in the slot', async () => {
    const c = chan<string>();
    const sent = c.send('x'); // the slot
    const r = await select([{ recv: c }]);
    expect([r.index, r.value, r.ok]).toEqual([0, 'x', true]);
    await expect(sent).resolves.toBeUndefined();
  });

  it('should wake the receivers in the slot and behind it with the zero value on close', async () => {
    const c = chan<number>(0, -1);
    const plain = c.recv(); // the slot
    const withOk = c.recvOk(); // the queue
    c.close();
    expect([await plain, await withOk]).toEqual([-1, [-1, false]]);
  });

  it('should fail the senders in the slot and behind it with Go panic text on close', async () => {
    const c = chan<number>();
    const sent = [c.send(1), c.send(2)];
    c.close();
    for (const s of sent) {
      const e: unknown = await s.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(GoPanic);
      expect((e as GoPanic).goMessage).toBe('send on closed channel');
    }
  });

  it('should deliver a thenable sent to the receiver in the slot as recvOk does with any value', async () => {
    const c = chan<PromiseLike<number>>();
    const got = c.recvOk(); // the slot
    const p = Promise.resolve(5);
    await c.send(p);
    const [v, ok] = await got;
    expect(ok).toBe(true);
    expect(v).toBe(p);
  });
});
