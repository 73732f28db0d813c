import { describe, expect, it } from 'vitest';
import { parseCommand } from '../cli/args.js';
import type { ReplayRecipe, TraceOptions } from '../explore/trace.js';
import {
  chan,
  decodeReplay,
  encodeReplay,
  explore,
  go,
  replay,
  select,
  time,
  WaitGroup,
  yield_,
} from '../index.js';

/*
 * Issue 14, item 4: a livelock is a run that stops making progress (no operation completes, no
 * task starts, wakes or finishes, the clock does not move), not a long run. A long run that reaches
 * maxSteps while still making progress is a step limit, named with how to raise it.
 */
describe('livelock and the step limit', () => {
  it('should explore a correct program of 10,000 tasks clean with the default bounds', async () => {
    const r = await explore(
      async () => {
        const wg = new WaitGroup();
        for (let i = 0; i < 10_000; i++) {
          wg.add(1);
          go(() => wg.done());
        }
        await wg.wait();
      },
      { runs: 1, console: 'quiet' },
    );
    expect(r.findings).toEqual([]);
  });

  it('should explore a poller that ticks 20,000 times clean with the default bounds', async () => {
    const r = await explore(
      async () => {
        const ticker = time.newTicker(time.Millisecond);
        for (let i = 0; i < 20_000; i++) await ticker.C.recv();
        ticker.stop();
      },
      { runs: 1, console: 'quiet' },
    );
    expect(r.findings).toEqual([]);
  });

  it('should report a long run that makes progress as a step limit naming the option and the flag', async () => {
    const r = await explore(
      async () => {
        const ch = chan<number>(1);
        for (let i = 0; i < 1_000; i++) {
          await ch.send(i);
          await ch.recv();
        }
      },
      { runs: 1, maxSteps: 500, console: 'quiet', shrink: false },
    );
    const f = r.findings[0]!;
    expect(f.kind).toBe('steps');
    expect(f.message).toBe('step limit: run 0 reached maxSteps (500) while still making progress');
    expect(f.summary).toContain('it is long, not stuck');
    expect(f.summary).toContain('the maxSteps option of explore()');
    expect(f.summary).toContain('interleave check --max-steps N');
  });

  it('should report tasks that only spin as a livelock long before maxSteps', async () => {
    const r = await explore(
      async () => {
        const never = chan<void>();
        go(async () => {
          for (;;) await yield_();
        }, 'spinner');
        for (;;) if ((await select([{ recv: never }, { default: true }])).index === 0) return;
      },
      { runs: 1, console: 'quiet', shrink: false },
    );
    const f = r.findings[0]!;
    expect(f.kind).toBe('livelock');
    expect(f.message).toBe('livelock: no progress in 5000 steps in run 0');
    expect(f.summary).toMatch(/task 1 \(main\) at select, task 2 \(spinner\) at yield only spin/);
    expect(f.step).toBeLessThan(6_000);
  });

  it('should not call a spin loop a livelock while the task it waits for makes progress', async () => {
    const r = await explore(
      async () => {
        let done = false;
        go(async () => {
          const ch = chan<number>(1);
          for (let i = 0; i < 3_000; i++) {
            await ch.send(i);
            await ch.recv();
          }
          done = true;
        }, 'worker');
        while (!done) await yield_();
      },
      { runs: 3, console: 'quiet' },
    );
    expect(r.findings).toEqual([]);
  });

  it('should take --max-steps and --grace-steps on check as maxSteps and graceSteps', () => {
    const cmd = parseCommand(['check', 'x.ts', '--max-steps', '500000', '--grace-steps', '0']);
    expect(cmd.name === 'check' && cmd.overrides).toMatchObject({ maxSteps: 500_000, graceSteps: 0 });
    expect(() => parseCommand(['check', 'x.ts', '--max-steps', '0'])).toThrow(
      /--max-steps must be an integer ≥ 1/,
    );
    expect(() => parseCommand(['check', 'x.ts', '--grace-steps', 'x'])).toThrow(/--grace-steps/);
    const spins = parseCommand(['check', 'x.ts', '--livelock-steps', '20000']);
    expect(spins.name === 'check' && spins.overrides).toMatchObject({ livelockSteps: 20_000 });
    expect(() => parseCommand(['check', 'x.ts', '--livelock-steps', '0'])).toThrow(/--livelock-steps/);
  });

  // Two tasks that spin on purpose, counting in plain variables the explorer cannot see: past the
  // livelock bound they look stuck, and the verdict says how to raise the bound; raised, clean.
  const countingSpinners = (n: number) => async (): Promise<void> => {
    const done = chan<void>();
    for (let t = 0; t < 2; t++) {
      go(async () => {
        for (let i = 0; i < n; i++) await yield_();
        await done.send();
      });
    }
    await done.recv();
    await done.recv();
  };

  it('should let livelockSteps raise the bound for tasks that spin on purpose', async () => {
    const stuck = await explore(countingSpinners(4_000), { runs: 1, livelockSteps: 1_000 });
    expect(stuck.findings[0]?.kind).toBe('livelock');
    expect(stuck.findings[0]?.summary).toContain(
      'raise the livelockSteps option of explore() or `interleave check --livelock-steps N`',
    );
    const raised = await explore(countingSpinners(4_000), { runs: 1, livelockSteps: 20_000 });
    expect(raised.findings).toEqual([]);
  });

  it('should replay a livelock found with a raised or lowered livelockSteps, which its replay string keeps', async () => {
    const r = await explore(countingSpinners(4_000), { runs: 1, livelockSteps: 1_000 });
    const f = r.findings[0]!;
    expect(decodeReplay(f.replay).options.livelockSteps).toBe(1_000);
    const again = await replay(countingSpinners(4_000), decodeReplay(f.replay));
    expect(again.finding?.kind).toBe('livelock');
    // The default is left out of the string, so strings recorded before it replay as they did.
    const clean = await explore(countingSpinners(10), { runs: 1 });
    expect(clean.findings).toEqual([]);
    const { livelockSteps: _, ...before } = decodeReplay(f.replay).options;
    const recipe = (options: TraceOptions): ReplayRecipe => ({ program: null, options, run: 0, choices: [] });
    expect(encodeReplay(recipe({ ...before, livelockSteps: 5_000 }))).toBe(encodeReplay(recipe(before)));
    expect(decodeReplay(encodeReplay(recipe(before))).options.livelockSteps).toBeUndefined();
  });
});
