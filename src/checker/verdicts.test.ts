import type { Race } from './race-report.js';
import { describe, expect, it } from 'vitest';
import {
  chan,
  decodeReplay,
  explore,
  Fatal,
  go,
  GoPanic,
  Mutex,
  Panic,
  replay,
  shared,
  time,
  yield_,
  type Chan,
  type ExploredFinding,
  type Finding,
} from '../core.js';
import {
  describeThrown,
  graceBound,
  isGoPanic,
  isOutsideAwait,
  needsCompat,
  raceSitesKey,
} from './verdicts.js';

/*
 * Each verdict the checker gives, produced the way users meet it (a program run through explore()),
 * asserting its kind, its message (Go's words where Go has words) and the key words of its summary
 * (what happened, and the fix). Then the pure helpers, called directly.
 */

/** The first finding of exploring `main` (a few runs, no shrinking: the verdict is what is tested). */
async function verdictOf(
  main: () => Promise<unknown>,
  options: Parameters<typeof explore>[1] = {},
): Promise<ExploredFinding> {
  const r = await explore(main, { runs: 5, shrink: false, ...options });
  expect(r.findings.length).toBeGreaterThan(0);
  return r.findings[0]!;
}

describe('the verdicts of a run that cannot move', () => {
  it('should call main blocked with every task blocked a deadlock, in Go words, listing the tasks', async () => {
    const f = await verdictOf(async () => {
      const out = chan<number>();
      const into = chan<number>();
      go(() => out.send(1), 'sender');
      await into.recv();
    });
    expect(f.kind).toBe('deadlock');
    expect(f.message).toBe(`fatal error: ${Fatal.deadlock}`);
    expect(f.summary).toContain('every task is blocked: ');
    expect(f.summary).toBe(
      'every task is blocked: task 1 (main) [chan receive] on chan#2; task 2 (sender) [chan send] on chan#1',
    );
    expect(f.tasks.map((t) => [t.name, t.state])).toEqual([
      ['main', 'blocked'],
      ['sender', 'blocked'],
    ]);
  });

  it('should call tasks blocked after main returned a leak, blocked forever, counting them', async () => {
    const f = await verdictOf(async () => {
      const ch = chan<number>();
      go(() => ch.recv(), 'a');
      go(() => ch.recv(), 'b');
    });
    expect(f.kind).toBe('leak');
    expect(f.message).toBe('leak: 2 tasks blocked forever after main returned');
    expect(f.summary).toMatch(/^blocked forever: task 2 \(a\) \[chan receive\] on chan#1; task 3 \(b\)/);
  });
});

describe('the verdicts of a run that outlived its bounds', () => {
  it('should call a task alive past the grace steps a leak still alive, with the bound in steps and the fix', async () => {
    const f = await verdictOf(
      async () => {
        go(async () => {
          for (;;) await yield_();
        }, 'spinner');
      },
      { graceSteps: 20 },
    );
    expect(f.kind).toBe('leak');
    expect(f.message).toBe('leak: 1 task still alive 20 steps after main returned');
    expect(f.summary).toContain('still alive after main returned: task 2 (spinner) running');
    expect(f.summary).toContain('make every task exit before main returns');
  });

  it('should call a task asleep past the grace time a leak still alive, with the bound in virtual time', async () => {
    const f = await verdictOf(
      async () => {
        go(() => time.sleep(time.Hour), 'sleeper');
        await yield_();
      },
      { graceTime: 90 * time.Second },
    );
    expect(f.kind).toBe('leak');
    expect(f.message).toBe('leak: 1 task still alive 1m30s (virtual) after main returned');
    expect(f.summary).toContain('task 2 (sleeper) [sleep]');
  });

  it('should call tasks that only spin a livelock, naming them and the option that raises the bound', async () => {
    const f = await verdictOf(
      async () => {
        go(async () => {
          for (;;) await yield_();
        }, 'spinner');
        for (;;) await yield_();
      },
      { runs: 1, livelockSteps: 100 },
    );
    expect(f.kind).toBe('livelock');
    expect(f.message).toBe('livelock: no progress in 100 steps in run 0');
    expect(f.summary).toMatch(/^no progress in 100 steps \(since step \d+\)/);
    expect(f.summary).toContain('task 1 (main) at yield, task 2 (spinner) at yield only spin');
    expect(f.summary).toContain('raise the livelockSteps option of explore()');
  });

  it('should call a long run that keeps progressing a step limit, saying it is long, not stuck', async () => {
    const f = await verdictOf(
      async () => {
        const ch = chan<number>(1);
        for (;;) {
          await ch.send(0);
          await ch.recv();
        }
      },
      { runs: 1, maxSteps: 100 },
    );
    expect(f.kind).toBe('steps');
    expect(f.message).toBe('step limit: run 0 reached maxSteps (100) while still making progress');
    expect(f.summary).toMatch(
      /^run 0 reached maxSteps \(100\) with 1 task alive, last making progress at step \d+/,
    );
    expect(f.summary).toContain('interleave check --max-steps N');
  });
});

describe('the verdicts of a misused API', () => {
  it('should call two operations in flight a misuse that says to use select()', async () => {
    const f = await verdictOf(async () => {
      const a = chan<number>(1);
      await Promise.all([a.send(1), a.recv()]);
    });
    expect(f.kind).toBe('error');
    expect(f.message).toMatch(/^error: two operations in flight: (send|recv)\(\) was called while/);
    expect(f.summary).toContain('use select() to wait on several');
  });

  it('should call a task returning with its operation pending a floating operation, with the fix', async () => {
    const f = await verdictOf(async () => {
      const ch = chan<number>();
      go(() => {
        void ch.send(1);
      }, 'forgetful');
      await yield_();
      await yield_();
    });
    expect(f.kind).toBe('error');
    expect(f.message).toBe(
      'error: task 2 (forgetful) returned while its send() on chan#1 was still pending: an operation ' +
        'must be awaited (`await ch.send(v)`, not `void ch.send(v)`), or the task must wait for it before returning',
    );
    expect(f.task).toBe(2);
  });

  it('should call a wait nothing in the run settles an outside await, naming the task and the fix', async () => {
    const f = await verdictOf(
      async () => {
        go(async () => {
          await yield_();
          await new Promise<void>(() => {}); // a plain promise nobody settles
        }, 'waiter');
        await yield_();
      },
      { compat: 'off' },
    );
    expect(f.kind).toBe('error');
    expect(f.message).toMatch(
      /^outside await: task 2 \(waiter\) is waiting on something interleave does not control/,
    );
    expect(f.summary).toContain('use time.sleep/after or setTimeout for delays');
    expect(isOutsideAwait(f)).toBe(true);
  });

  it('should call explore() awaited inside a run a nested exploration', async () => {
    const f = await verdictOf(
      async () => {
        await explore(async () => {}, { runs: 1 });
      },
      { runs: 1, compat: 'off' },
    );
    expect(f.kind).toBe('error');
    expect(f.message).toMatch(
      /^error: task 1 \(main\) called explore\(\) from inside a run, and waits for it/,
    );
    expect(f.summary).toContain('call explore() from the test itself');
  });

  it('should call an object of another run used in this one a cross-run error, naming both runs', async () => {
    let kept: Chan<number> | null = null;
    const f = await verdictOf(async () => {
      if (kept === null) {
        kept = chan<number>(1);
        return;
      }
      await kept.send(1);
    });
    expect(f.kind).toBe('error');
    expect(f.message).toMatch(
      /^error: chan#1 belongs to run 0 but task 1 \(main\) of run 1 called send on it/,
    );
    expect(f.summary).toContain('create them inside the program');
  });
});

describe('the verdicts of a failure inside the program', () => {
  it("should report a Go panic escaping a task in Go's text, naming the task", async () => {
    const f = await verdictOf(async () => {
      const ch = chan<number>();
      ch.close();
      ch.close();
    });
    expect(f.kind).toBe('panic');
    expect(f.message).toBe(`panic: ${Panic.closeOfClosed}`);
    expect(f.summary).toBe(`task 1 (main) panicked: ${Panic.closeOfClosed}`);
    expect(f.task).toBe(1);
  });

  it('should report an error thrown by a task as a panic with its type and message', async () => {
    const f = await verdictOf(async () => {
      go(() => {
        throw new RangeError('index 3 out of range');
      }, 'indexer');
      await yield_();
      await yield_();
    });
    expect(f.kind).toBe('panic');
    expect(f.message).toBe('panic: RangeError: index 3 out of range');
    expect(f.summary).toBe('task 2 (indexer) panicked: RangeError: index 3 out of range');
  });

  it("should report a fatal error in Go's text, naming the task", async () => {
    const f = await verdictOf(async () => {
      new Mutex().unlock();
    });
    expect(f.kind).toBe('panic');
    expect(f.message).toBe(`fatal error: ${Fatal.unlockOfUnlockedMutex}`);
    expect(f.summary).toBe(`task 1 (main): ${Fatal.unlockOfUnlockedMutex}`);
  });

  it("should report unordered accesses to a shared cell as Go's data race, with the fix", async () => {
    const f = await verdictOf(
      async () => {
        const x = shared(0, 'x');
        const done = chan<void>(1);
        go(async () => {
          x.set(1);
          await done.send();
        }, 'writer');
        x.set(2);
        await done.recv();
      },
      { runs: 20 },
    );
    expect(f.kind).toBe('race');
    expect(f.message).toBe('WARNING: DATA RACE on x (shared#1)');
    expect(f.summary).toMatch(
      /^write of x \(shared#1\) by task \d \((main|writer)\) is not ordered after the write by/,
    );
    expect(f.summary).toContain('synchronize them (a channel, a Mutex, a WaitGroup)');
    expect(f.stack).toMatch(/^Write at x \(shared#1\) by task \d/);
  });
});

describe('the verdict of a failing strategy', () => {
  it("should end the run with the strategy's error as the message: a replay that no longer fits", async () => {
    const main = async (): Promise<void> => {
      go(() => chan<number>().send(1), 'a');
      go(() => chan<number>().send(2), 'b');
      await chan<number>().recv();
    };
    const found = await verdictOf(main);
    const recipe = decodeReplay(found.replay);
    const first = recipe.choices[0]!;
    const out = await replay(main, { ...recipe, choices: [{ ...first, id: 'main/nobody' }] });
    expect(out.divergence).not.toBeNull();
    expect(out.finding?.kind).toBe('error');
    expect(out.finding?.message).toBe(
      `replay diverged at step ${first.step} (choice 1): the trace expected task 'main/nobody' but the ` +
        `program offered 'main', 'main/a', 'main/b'; the program changed since the trace was recorded, ` +
        `or it is nondeterministic (pass --continue to go on from here with a seeded strategy)`,
    );
    expect(out.finding?.summary).toBe(out.finding?.message);
  });
});

describe('the pure helpers of verdicts', () => {
  it('should name the grace bound that ran out: steps when the step limit was reached, else virtual time', () => {
    expect(graceBound(120, 100, 120, time.Minute)).toBe('100 steps');
    expect(graceBound(119, 100, 120, time.Minute)).toBe('1m0s (virtual)');
    expect(graceBound(5, 1_000, Number.POSITIVE_INFINITY, 1500 * time.Millisecond)).toBe('1.5s (virtual)');
  });

  it('should describe thrown values as a panic shows them', () => {
    expect(describeThrown(new GoPanic(Panic.sendOnClosed))).toBe(Panic.sendOnClosed);
    expect(describeThrown(new Error('plain'))).toBe('plain');
    expect(describeThrown(new TypeError('x is undefined'))).toBe('TypeError: x is undefined');
    expect(describeThrown('a string')).toBe('a string');
    expect(describeThrown(42)).toBe('42');
    expect(describeThrown(new Error('x'.repeat(5_000))).length).toBe(2_001); // bounded, with an ellipsis
  });

  it('should tell a Go panic from other errors, also one made by another copy of interleave', () => {
    expect(isGoPanic(new GoPanic(Panic.closeOfNil))).toBe(true);
    const foreign = Object.assign(new Error(Panic.closeOfNil), {
      name: 'GoPanic',
      goMessage: Panic.closeOfNil,
    });
    expect(isGoPanic(foreign)).toBe(true);
    expect(isGoPanic(new Error(Panic.closeOfNil))).toBe(false);
    expect(isGoPanic({ name: 'GoPanic', goMessage: 'x' })).toBe(false); // not an Error
  });

  const base: Finding = {
    kind: 'error',
    message: '',
    summary: '',
    tasks: [],
    task: null,
    stack: null,
    step: 0,
  };

  it('should tell which findings compatibility mode may cure: outside awaits and operations in flight', () => {
    // Read from the finding's cause code, never from its message.
    const outside = {
      ...base,
      cause: 'outside-await' as const,
      message: 'outside await: task 1 (main) is waiting',
    };
    const inFlight = {
      ...base,
      cause: 'misuse' as const,
      message: 'error: two operations in flight: recv()',
    };
    const other = { ...base, cause: 'cross-run' as const, message: 'error: chan#1 belongs to run 0' };
    const uncoded = { ...base, message: 'outside await: task 1 (main) is waiting' }; // no cause: not classified
    expect([outside, inFlight, other, uncoded].map(isOutsideAwait)).toEqual([true, false, false, false]);
    expect([outside, inFlight, other, uncoded, null].map(needsCompat)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(needsCompat({ ...base, kind: 'deadlock', cause: 'deadlock' })).toBe(false);
  });

  it('should key a replayed race by its message and its two access sites, in either order', () => {
    // The key is read from the race's two accesses as data, never from the stack text.
    const access = (task: number, site: string | null): Race['current'] => ({ task, write: true, site });
    const raceOf = (first: string | null, second: string | null): Race => ({
      variable: 'x (shared#1)',
      current: access(2, first),
      previous: access(1, second),
    });
    const race = { ...base, kind: 'race' as const, message: 'WARNING: DATA RACE on x (shared#1)' };
    const key = raceSitesKey({ ...race, race: raceOf('a.ts:1', 'a.ts:2') });
    expect(key).not.toBeNull();
    expect(raceSitesKey({ ...race, race: raceOf('a.ts:2', 'a.ts:1') })).toBe(key);
    expect(raceSitesKey({ ...race, race: raceOf('a.ts:2', 'a.ts:3') })).not.toBe(key);
    expect(raceSitesKey({ ...race, race: raceOf(null, null) })).not.toBe(key); // sites unknown until replayed
    expect(raceSitesKey(race)).toBeNull(); // no race data: nothing to key by
    expect(raceSitesKey({ ...base, race: raceOf('a.ts:1', 'a.ts:2') })).toBeNull(); // not a race
  });
});
