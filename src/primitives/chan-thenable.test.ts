import { describe, expect, it } from 'vitest';
import { chan, explore, go, select } from '../index.js';

/**
 * A value with a `then` method through a channel (docs/free-mode.md, "Values with a then method"):
 * recvOk(), select and `for await` deliver it as it was sent, as Go delivers any value; recv()
 * returns a promise, and a promise cannot resolve to a thenable (JavaScript adopts it), so
 * `await ch.recv()` gives the thenable's result, as `await` of an async function returning it would.
 */
function thenable(v: number): PromiseLike<number> & { readonly tag: string } {
  return {
    tag: 'mine',
    then<A = number, B = never>(ok?: ((x: number) => A | PromiseLike<A>) | null): PromiseLike<A | B> {
      return Promise.resolve(ok ? ok(v) : (v as A));
    },
  };
}

async function receives(): Promise<unknown[]> {
  const ch = chan<PromiseLike<number>>(4);
  const p = Promise.resolve(1);
  const t = thenable(2);
  await ch.send(p);
  await ch.send(t);
  await ch.send(p);
  await ch.send(t);
  const out: unknown[] = [];
  out.push(await ch.recv()); // adopted: 1
  out.push((await ch.recvOk())[0] === t); // as is
  out.push((await select([{ recv: ch }])).value === p); // as is
  ch.close();
  for await (const v of ch) out.push(v === t); // as is
  return out;
}

describe('a value with a then method through a channel', () => {
  it('free mode: recv() adopts it; recvOk, select and for await deliver it as sent', async () => {
    expect(await receives()).toEqual([1, true, true, true]);
  });

  it('under the explorer: the same, in every schedule', async () => {
    let got: unknown[] = [];
    const r = await explore(
      async () => {
        got = await receives();
      },
      { runs: 5 },
    );
    expect(r.findings).toEqual([]);
    expect(got).toEqual([1, true, true, true]);
  });

  it('under the explorer: a received thenable that settles through another task is followed', async () => {
    const r = await explore(
      async () => {
        const ch = chan<PromiseLike<number>>();
        go(async () => {
          await ch.send(thenable(7));
        });
        expect(await ch.recv()).toBe(7);
      },
      { runs: 20 },
    );
    expect(r.findings).toEqual([]);
  });
});
