import { describe, expect, it } from 'vitest';
import { chan, go, program, shared, WaitGroup, yield_ } from 'interleave';
import { explore } from '../../src/explore/explore.js';
import type { Trace } from '../../src/explore/trace.js';
import { explain } from '../../src/report/explain.js';

/*
 * explain()'s whole text for one recorded trace of each kind, as golden files: what a user reads,
 * so a change to it is a change someone looked at. The programs are small and the seed fixed.
 */

const SEED = 1;
async function traceOf(main: () => Promise<void>, options = {}): Promise<Trace> {
  const r = await explore(program(main, options), { runs: 50, seed: SEED });
  expect(r.findings, `seed ${SEED}`).toHaveLength(1);
  return r.findings[0]!.trace;
}

/** A helper that throws after the task's last switch point: its line is where the task panicked. */
function check(job: number): void {
  if (job > 1) throw new Error(`bad job ${job}`);
}

describe('explain, golden', () => {
  it('should tell a deadlock', async () => {
    const trace = await traceOf(async () => {
      const a = chan<number>();
      const b = chan<number>();
      go(async function sender() {
        await b.send(1);
      });
      await a.recv();
    });
    await expect(explain(trace)).toMatchFileSnapshot('./__snapshots__/explain-deadlock.txt');
  });

  it('should tell a leak', async () => {
    const trace = await traceOf(async () => {
      const results = chan<string>();
      go(async function fast() {
        await results.send('fast');
      });
      go(async function slow() {
        await yield_();
        await results.send('slow');
      });
      await results.recv();
    });
    await expect(explain(trace)).toMatchFileSnapshot('./__snapshots__/explain-leak.txt');
  });

  it('should tell a panic once, at the line the dump gives', async () => {
    const trace = await traceOf(
      async () => {
        const jobs = chan<number>(2);
        go(async function worker() {
          for (;;) {
            const [job, ok] = await jobs.recvOk();
            if (!ok || job === undefined) return;
            check(job);
          }
        });
        await jobs.send(1);
        await jobs.send(2);
        jobs.close();
      },
      { race: false },
    );
    const text = explain(trace);
    await expect(text).toMatchFileSnapshot('./__snapshots__/explain-panic.txt');
    expect(text.match(/panicked/g)).toHaveLength(1);
  });

  it('should tell a race', async () => {
    const trace = await traceOf(async () => {
      const hits = shared(0, 'hits');
      const wg = new WaitGroup();
      for (let i = 0; i < 2; i++) {
        wg.add(1);
        go(() => {
          hits.set(hits.get() + 1);
          wg.done();
        }, `worker${i}`);
      }
      await wg.wait();
    });
    await expect(explain(trace)).toMatchFileSnapshot('./__snapshots__/explain-race.txt');
  });
});
