import { describe, expect, it } from 'vitest';
import { GoPanic, yield_, type context } from '../core.js';
import { collect } from './pipeline.js';
import { attempt, checkAll, err, ok, type Result } from './result.js';
import { cancelPoints, expectClean, makeDone, takeThenCancel } from './testing.js';

const SEED = 73;

/** A fake http.Get: no I/O; a URL with "doesnot" fails. */
async function get(url: string): Promise<number> {
  await yield_();
  if (url.includes('doesnot')) throw new Error(`dial tcp: lookup ${url}: no such host`);
  return 200;
}

const show = (r: Result<number>): string => (r.ok ? `status ${r.value}` : `error: ${r.error.message}`);

describe('patterns/result', () => {
  it(`should send one Result per input, in order, as the seed's checkStatus (200 runs, seed ${SEED})`, async () => {
    const outputs = new Set<string>();
    await expectClean(async () => {
      const [done, cancel] = makeDone('chan');
      const urls = ['https://example.com', 'https://doesnot.exist', 'https://golang.org'];
      outputs.add((await collect(checkAll(done, urls, get))).map(show).join('; '));
      cancel();
    }, SEED);
    expect([...outputs]).toEqual([
      'status 200; error: dial tcp: lookup https://doesnot.exist: no such host; status 200',
    ]);
  });

  it(`should wrap thrown values, rethrow Go panics, and build results (200 runs, seed ${SEED})`, async () => {
    await expectClean(async () => {
      expect(await attempt(() => 1)).toEqual(ok(1));
      expect(await attempt(() => Promise.reject(new Error('x')))).toEqual(err(new Error('x')));
      const r = await attempt(() => {
        throw 'plain';
      });
      expect(!r.ok && r.error.message).toBe('plain');
      await expect(
        attempt(() => {
          throw new GoPanic('boom');
        }),
      ).rejects.toBeInstanceOf(GoPanic);
    }, SEED);
  });

  for (const p of cancelPoints([0, 1, 2])) {
    it(`should stop fetching and leave no task when the consumer cancels ${p.label} (200 runs, seed ${SEED})`, async () => {
      await expectClean(async () => {
        const [done, cancel] = makeDone(p.kind);
        const seen: context.Context[] = [];
        const fetch = async (n: number, ctx: context.Context): Promise<number> => {
          seen.push(ctx);
          if (n === 1) throw new Error('odd');
          return get(`u${n}`);
        };
        const got = await takeThenCancel(checkAll(done, [0, 1, 2, 3, 4, 5], fetch), p.k, cancel, p.stopFirst);
        expect(got.map((r) => r.ok)).toEqual([true, false, true].slice(0, p.k));
        await yield_();
        expect(seen.length).toBeLessThanOrEqual(p.k + 1);
      }, SEED);
    });
  }
});
