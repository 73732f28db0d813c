import { fc } from '@fast-check/vitest';
import { decodeReplay, InterleaveError, replay } from 'interleave';
import { schedule, ScheduleFailure, type Schedule } from 'interleave/fast-check';
import { describe, expect, it } from 'vitest';
import { abandonedReply, counter } from './programs.js';

/** A seed under which the first failure has 40 workers and a schedule of 127 choices. */
const SEED = 5;

/** The counter property: n workers (1..40) count to n under the schedule. */
const counts = (lock: boolean) =>
  fc.asyncProperty(fc.integer({ min: 1, max: 40 }), schedule(), async (n, s) => {
    expect(await s.run(counter(n, lock))).toBe(n);
  });

describe('interleave/fast-check', () => {
  it(`should find a lost update and shrink input and schedule together (seed ${SEED})`, async () => {
    // As first found (no shrinking): a large input and a long schedule.
    const found = await fc.check(counts(false), { seed: SEED, endOnFailure: true });
    expect(found.failed).toBe(true);
    const [n0, s0] = found.counterexample!;
    expect(n0).toBeGreaterThanOrEqual(10);
    expect(s0.choices.length).toBeGreaterThanOrEqual(20);

    const r = await fc.check(counts(false), { seed: SEED });
    expect(r.failed).toBe(true);
    const [n, s] = r.counterexample!;
    // Two workers and one switch between a read and a write: the smallest lost update.
    expect(n).toBe(2);
    expect(s.choices.length).toBeLessThanOrEqual(3);
    expect(r.errorInstance).toBeInstanceOf(ScheduleFailure);
    const failure = r.errorInstance as ScheduleFailure;
    expect(failure.finding.kind).toBe('panic');
    expect(failure.message).toContain('lost update: 2 workers counted 1');
    expect(failure.message).toMatch(/^replay string: il1\.[\w-]+$/m);
    // What fast-check prints as the counterexample: the choices, then the run's replay string.
    expect(String(s)).toBe(`schedule([${s.choices.join(',')}]) (panic, replay: ${failure.replay})`);
    expect(fc.stringify(r.counterexample)).toContain(failure.replay);
  });

  it('should pass a correct program on every schedule fast-check tries', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), schedule(), async (n, s) => {
        runs++;
        expect(await s.run(counter(n, true))).toBe(n);
      }),
      { seed: SEED, numRuns: 60 },
    );
    expect(runs).toBe(60);
  });

  it('should give the same counterexample and replay string for the same fast-check seed', async () => {
    const once = async (): Promise<[string, string]> => {
      const r = await fc.check(counts(false), { seed: SEED });
      const [n, s] = r.counterexample!;
      return [`${n} ${String(s)}`, (r.errorInstance as ScheduleFailure).replay];
    };
    const [a, b] = [await once(), await once()];
    expect(b).toEqual(a);
  });

  it("should reproduce the failure's finding from its replay string", async () => {
    const r = await fc.check(counts(false), { seed: SEED });
    const [n] = r.counterexample!;
    const failure = r.errorInstance as ScheduleFailure;
    const again = await replay(counter(n), decodeReplay(failure.replay));
    expect(again.finding?.kind).toBe(failure.finding.kind);
    expect(again.finding?.message).toBe(failure.finding.message);
  });

  it('should report a leak found only under some schedules, with the leaked task in the report', async () => {
    const r = await fc.check(
      fc.asyncProperty(schedule(), async (s) => {
        await s.run(abandonedReply());
      }),
      { seed: SEED },
    );
    expect(r.failed).toBe(true);
    const failure = r.errorInstance as ScheduleFailure;
    expect(failure.finding.kind).toBe('leak');
    const [s] = r.counterexample!;
    expect(failure.message).toContain(`interleave found a leak under schedule([${s.choices.join(',')}])\n`);
    expect(failure.message).toContain('blocked forever: task 2 (worker) [chan send] on chan#1');
    // The plain schedule ([]) does not leak: the shrunk schedule keeps a choice or two.
    expect(s.choices.length).toBeGreaterThan(0);
    expect(s.choices.length).toBeLessThanOrEqual(2);
  });

  it('should refuse a second run of one schedule in one execution of the property, in one line', async () => {
    const r = await fc.check(
      fc.asyncProperty(schedule(), async (s) => {
        await s.run(async () => {});
        await s.run(async () => {});
      }),
      { seed: SEED, numRuns: 1 },
    );
    expect(r.errorInstance).toBeInstanceOf(InterleaveError);
    const message = (r.errorInstance as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(
      /^schedule\.run was called twice on schedule\(\[[\d,]*\]\): .*put the whole program in one s\.run/,
    );
  });

  it('should refuse a program that is not a function, in one line', async () => {
    const [s] = fc.sample(schedule(), { numRuns: 1, seed: SEED });
    const run = (s as Schedule).run(42 as unknown as () => Promise<void>);
    await expect(run).rejects.toThrow(InterleaveError);
    await expect(run).rejects.toThrow(
      /^schedule\.run\(main\) needs the program as a function, got number 42: pass/,
    );
  });

  it('should refuse bad constraints, in one line', () => {
    expect(() => schedule({ maxLength: -1 })).toThrow(
      new InterleaveError('schedule({ maxLength }) must be an integer ≥ 0, got -1'),
    );
    expect(() => schedule({ maxChoice: 1.5 })).toThrow(
      new InterleaveError('schedule({ maxChoice }) must be an integer ≥ 0, got 1.5'),
    );
  });

  it('should run a schedule drawn outside a property (to rerun a counterexample by hand)', async () => {
    const [s] = fc.sample(schedule(), { numRuns: 1, seed: SEED });
    await expect(s!.run(counter(3, true))).resolves.toBe(3);
  });
});
