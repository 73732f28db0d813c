import { describe, expect, it } from 'vitest';
import { chan, explore, go, Once, WaitGroup, WaitReason, yield_ } from '../index.js';

const SEED = 13;

describe(`Once (seed ${SEED})`, () => {
  it('should run fn exactly once and keep every caller blocked until it finished, under 200 schedules', async () => {
    const calls: number[] = [];
    const r = await explore(
      async () => {
        const once = new Once();
        const wg = new WaitGroup();
        let n = 0;
        let ready = false;
        const init = async (): Promise<void> => {
          n++;
          await yield_();
          await yield_();
          ready = true;
        };
        for (let i = 0; i < 4; i++) {
          wg.add(1);
          go(async () => {
            await once.do(init);
            if (!ready) throw new Error('once.do returned before fn finished');
            wg.done();
          });
        }
        await wg.wait();
        calls.push(n);
      },
      { runs: 200, seed: SEED },
    );
    expect(r.findings).toEqual([]);
    expect(new Set(calls)).toEqual(new Set([1]));
  });

  it('should block concurrent callers with wait reason sync.Mutex.Lock while fn blocks', async () => {
    const r = await explore(
      async () => {
        const once = new Once();
        const never = chan<number>();
        go(() => once.do(() => never.recv()), 'first');
        go(() => once.do(() => {}), 'second');
        await once.do(() => {});
      },
      { runs: 100, seed: SEED },
    );
    const f = r.findings[0];
    expect(f?.kind).toBe('deadlock');
    expect(f?.tasks.map((t) => [t.name, t.waitReason])).toEqual([
      ['main', WaitReason.mutexLock],
      ['first', WaitReason.chanReceive],
      ['second', WaitReason.mutexLock],
    ]);
  });

  it('should count as done when fn throws: the error reaches the first caller only, fn never runs again', async () => {
    const seen: string[] = [];
    const r = await explore(
      async () => {
        const once = new Once();
        let runs = 0;
        try {
          await once.do(() => {
            runs++;
            throw new Error('init failed');
          });
        } catch (e) {
          seen.push((e as Error).message);
        }
        await once.do(() => {
          runs++;
        });
        seen.push(`runs=${runs} done=${once.isDone}`);
      },
      { runs: 1 },
    );
    expect(r.findings).toEqual([]);
    expect(seen).toEqual(['init failed', 'runs=1 done=true']);
  });

  it('should release waiters normally when an async fn rejects', async () => {
    const r = await explore(
      async () => {
        const once = new Once();
        const wg = new WaitGroup();
        wg.add(1);
        go(async () => {
          await once.do(() => {});
          wg.done();
        });
        await once
          .do(async () => {
            await yield_();
            throw new Error('late failure');
          })
          .catch(() => {});
        await wg.wait();
      },
      { runs: 100, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should deadlock when fn calls do on the same Once, as Go', async () => {
    const r = await explore(
      async () => {
        const once = new Once();
        await once.do(() => once.do(() => {}));
      },
      { runs: 1 },
    );
    expect(r.findings[0]?.kind).toBe('deadlock');
    expect(r.findings[0]?.tasks[0]?.waitReason).toBe('sync.Mutex.Lock');
  });
});
