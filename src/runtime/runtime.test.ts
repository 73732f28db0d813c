import { afterEach, describe, expect, it, vi } from 'vitest';
import { chan, explore, go, numTasks, program, settle, yield_, type Chan } from '../index.js';

const SEED = 3;
// The real timer, captured before explore() installs the virtual ones: something interleave does
// not control, and far slower than one turn of the event loop however busy the machine (a 5 ms timer
// could fire first on a loaded machine, and the run then ended clean).
const realSetTimeout = globalThis.setTimeout;
const outside = (): Promise<void> => new Promise((resolve) => realSetTimeout(resolve, 60_000).unref());

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the runtime', () => {
  it('should let exactly one task execute at a time, even across plain awaits inside a segment', async () => {
    let running: number | null = null;
    const enter = (me: number): void => {
      expect(running).toBeNull();
      running = me;
    };
    const leave = (me: number): void => {
      expect(running).toBe(me);
      running = null;
    };
    const r = await explore(
      async () => {
        const done = chan<void>(3);
        for (let id = 1; id <= 3; id++) {
          go(async () => {
            for (let i = 0; i < 5; i++) {
              enter(id);
              await Promise.resolve(); // a plain await: not a switch point
              // eslint-disable-next-line @typescript-eslint/await-thenable -- a bare microtask hop, on purpose
              await null;
              leave(id);
              await yield_();
            }
            await done.send();
          });
        }
        for (let i = 0; i < 3; i++) await done.recv();
      },
      { runs: 100, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should report two operations in flight at once (Promise.race) with the select() fix', async () => {
    const r = await explore(async () => {
      const ch = chan<number>();
      await Promise.race([yield_(), ch.recv()]);
    });
    expect(r.findings[0]!.kind).toBe('error');
    expect(r.findings[0]!.message).toContain('use select() to wait on several');
  });

  it('should report two blocking operations in flight at once (Promise.race/all) as the misuse, not a deadlock', async () => {
    for (const combine of ['race', 'all'] as const) {
      const r = await explore(async () => {
        const a = chan<number>();
        const b = chan<number>();
        const both = [a.recv(), b.recv()];
        await (combine === 'race' ? Promise.race(both) : Promise.all(both));
      });
      expect(r.findings[0]!.kind).toBe('error');
      expect(r.findings[0]!.message).toContain('use select() to wait on several');
    }
  });

  it('should report a task awaiting a real timer as an outside await, naming it, without hanging', async () => {
    const r = await explore(
      async () => {
        go(async () => {
          await yield_();
          await outside();
        }, 'sleeper');
        await yield_();
      },
      { runs: 3, seed: SEED },
    );
    expect(r.findings[0]!.kind).toBe('error');
    expect(r.findings[0]!.message).toMatch(/^outside await: task 2 \(sleeper\)/);
    expect(r.findings[0]!.message).toContain('src/runtime/runtime.test.ts:');
  });

  it('should drop a late continuation of a finished run silently, never an exception', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let resumed = 0;
    const r = await explore(
      async () => {
        const ch = chan<number>();
        await gate; // a plain promise: with compat off, an outside await ends the run
        resumed++;
        await ch.send(1);
        ch.close();
      },
      { runs: 1, compat: 'off', shrink: false },
    );
    expect(r.findings[0]!.kind).toBe('error');
    // The exploring run and its two replays each resume after the exploration: three late sends.
    open();
    await vi.waitFor(() => expect(resumed).toBe(3));
    await new Promise((resolve) => setImmediate(resolve));
    expect(warn).not.toHaveBeenCalled();
  });

  it("should note the exploration's first late continuation on its result, printing nothing", async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    // Main's send panics on the closed channel and ends the run; the closer goes on to yield.
    const prog = async (): Promise<void> => {
      const c = chan<number>();
      go(async () => {
        c.close();
        await yield_();
      }, 'closer');
      await c.send(1);
    };
    const r = await explore(prog, { strategy: 'dfs', findAll: true });
    expect(r.lateCall).toBe(
      'a task of a finished run (run 0) called yield on yield; the run is over, so the operation never ' +
        'completes (Go never resumes other goroutines after exit)',
    );
    expect(warn).not.toHaveBeenCalled();
    expect((await explore(async () => {}, { runs: 2 })).lateCall).toBeUndefined();
  });

  it('should refuse an object of another run, naming it', async () => {
    let kept: Chan<number> | null = null;
    const r = await explore(
      async () => {
        if (kept === null) {
          kept = chan<number>(1);
          return;
        }
        await kept.send(1);
      },
      { runs: 2 },
    );
    expect(r.findings[0]!.kind).toBe('error');
    expect(r.findings[0]!.message).toContain(
      'chan#1 belongs to run 0 but task 1 (main) of run 1 called send on it',
    );
  });

  it('should start 10,000 tasks in a row without overflowing the stack', async () => {
    const r = await explore(
      async () => {
        const done = chan<void>(10_000);
        for (let i = 0; i < 10_000; i++) go(() => done.send());
        expect(numTasks()).toBe(10_001);
        for (let i = 0; i < 10_000; i++) await done.recv();
      },
      { runs: 1, maxSteps: 100_000 },
    );
    expect(r.findings).toEqual([]);
  });

  it('should return from settle() once every other task is blocked', async () => {
    const r = await explore(
      async () => {
        const ch = chan<number>();
        const progress: number[] = [];
        for (let i = 0; i < 3; i++) {
          go(async () => {
            progress.push(i);
            await ch.recv();
          });
        }
        await settle();
        expect(progress.length).toBe(3);
        expect(numTasks()).toBe(4);
        ch.close();
      },
      { runs: 30, seed: SEED },
    );
    expect(r.findings).toEqual([]);
  });

  it('should name anonymous tasks as Go names closures', async () => {
    const r = await explore(async () => {
      go(() => chan().recv());
      go(() => chan().send(1));
    });
    expect(r.findings[0]!.tasks.map((t) => t.name)).toEqual(['main.func1', 'main.func2']);
  });

  describe('when main returns', () => {
    const blockedForever = program(async () => {
      go(() => chan<number>().recv(), 'stuck');
    });
    const spinning = program(async () => {
      go(async () => {
        for (;;) await yield_();
      }, 'spinner');
    });

    it('should report a task blocked forever as a leak in both modes', async () => {
      for (const mode of ['test', 'program'] as const) {
        const r = await explore(blockedForever, { mode, runs: 5 });
        expect(r.findings[0]!.kind).toBe('leak');
        expect(r.findings[0]!.summary).toContain('task 2 (stuck) [chan receive]');
      }
    });

    it('should report a task still running after the grace bound as a leak in test mode only', async () => {
      const test = await explore(spinning, { mode: 'test', runs: 5, graceSteps: 50 });
      expect(test.findings[0]!.kind).toBe('leak');
      expect(test.findings[0]!.message).toBe('leak: 1 task still alive 50 steps after main returned');
      const prog = await explore(spinning, { mode: 'program', runs: 5, graceSteps: 50 });
      expect(prog.findings).toEqual([]);
    });

    it('should not count a panic after main returned as a failure in program mode', async () => {
      const late = program(async () => {
        go(async () => {
          await yield_();
          throw new Error('too late');
        });
      });
      expect((await explore(late, { mode: 'program', runs: 10 })).findings).toEqual([]);
      expect((await explore(late, { mode: 'test', runs: 10 })).findings[0]!.message).toBe('panic: too late');
    });
  });

  it('should report a spinning main as a livelock with the fix', async () => {
    const r = await explore(
      async () => {
        for (;;) await yield_();
      },
      { maxSteps: 500, runs: 1 },
    );
    expect(r.findings[0]!.kind).toBe('livelock');
    expect(r.findings[0]!.message).toBe('livelock: no progress in 500 steps in run 0');
    expect(r.findings[0]!.summary).toMatch(
      /^no progress in 500 steps \(since step 0\): .*task 1 \(main\) at yield only spin/,
    );
  });

  it('should report an error thrown by user code as a panic with its type', async () => {
    const r = await explore(async () => {
      const o: { x?: { y: number } } = {};
      return o.x!.y;
    });
    expect(r.findings[0]!.kind).toBe('panic');
    expect(r.findings[0]!.message).toMatch(/^panic: TypeError: /);
  });

  it("should name an anonymous task's frame in a panic's stack after the task, as Go's dump does", async () => {
    const r = await explore(async () => {
      go(async () => {
        await yield_();
        throw new Error('boom');
      });
      await yield_();
      await yield_();
    });
    const f = r.findings.find((x) => x.kind === 'panic');
    expect(f?.stack).toMatch(/^main\.func1\(\)\n\t[^\n]*runtime\.test\.ts:\d+/);
    expect(f?.stack).not.toContain('Task.fn');
  });

  it('should seed Math.random per run: the same across explorations, different across runs', async () => {
    const sample = async (): Promise<number[]> => {
      const out: number[] = [];
      await explore(
        async () => {
          out.push(Math.random());
        },
        { runs: 3, seed: 9 },
      );
      return out;
    };
    const a = await sample();
    expect(await sample()).toEqual(a);
    expect(new Set(a).size).toBe(3);
  });

  it("should leave Math.random and crypto the host's own between the runs of an exploration", async () => {
    const between = async (): Promise<string[]> => {
      const out: string[] = [];
      await explore(async () => void Math.random(), {
        runs: 2,
        seed: 9,
        beforeRun: () => out.push(String(Math.random()), crypto.randomUUID()) > 0,
      });
      return out;
    };
    // Seeded, the same seed would give the same values twice; the host's own never do.
    expect(await between()).not.toEqual(await between());
  });

  it('should report a nested exploration and queue concurrent ones', async () => {
    const nested = await explore(
      async () => {
        await explore(async () => {}, { runs: 1 });
      },
      { runs: 2, compat: 'off' },
    );
    expect(nested.findings[0]!.message).toContain('task 1 (main) called explore() from inside a run');
    expect(nested.findings[0]!.message).toContain('explorations cannot nest');
    const [a, b] = await Promise.all([
      explore(async () => yield_(), { runs: 20 }),
      explore(async () => yield_(), { runs: 30 }),
    ]);
    expect([a.runs, b.runs]).toEqual([20, 30]);
    // As under test.concurrent: one exploration starts while another's run is in flight.
    let second: ReturnType<typeof explore> | undefined;
    const first = await explore(
      async () => {
        second ??= explore(async () => yield_(), { runs: 5 });
        await yield_();
      },
      { runs: 10 },
    );
    expect(first.findings).toEqual([]);
    expect(await second!).toMatchObject({ runs: 5, findings: [] });
  });

  it('should yield to the real event loop during a long exploration', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    let elapsed = 0;
    try {
      await explore(
        async () => {
          const c = chan<number>();
          go(async () => {
            for (let i = 0; i < 20; i++) await c.send(i);
          });
          for (let i = 0; i < 20; i++) await c.recv();
        },
        { runs: 3000 },
      );
      elapsed = performance.now() - started;
    } finally {
      clearInterval(timer);
    }
    // Without yielding, no timer could fire until the exploration ends. Slices are about 20 ms, so
    // timers fire several times (the bound is loose: CI machines are loaded).
    expect(elapsed).toBeGreaterThan(60);
    expect(ticks).toBeGreaterThanOrEqual(Math.max(3, Math.floor(elapsed / 100)));
  });

  it('should give a panic the user frames of its stack, repo-relative, and a Go panic its operation site', async () => {
    const thrown = await explore(async () => {
      const boom = (): never => {
        throw new RangeError('out of range');
      };
      boom();
    });
    expect(thrown.findings[0]!.stack).toMatch(/^boom\(\)\n\tsrc\/runtime\/runtime\.test\.ts:\d+/);
    expect(thrown.findings[0]!.stack).not.toContain('node_modules');
    const closed = await explore(async () => {
      const c = chan<number>();
      c.close();
      await c.send(1);
    });
    expect(closed.findings[0]!.stack).toMatch(/^send\(\)\n\tsrc\/runtime\/runtime\.test\.ts:\d+$/);
  });
});

describe('randomness from crypto under a run', () => {
  it('should be seeded per run, so a failing schedule replays with the same values, and flagged once', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const sample = async (): Promise<string[]> => {
      const out: string[] = [];
      await explore(
        async () => {
          out.push(
            crypto.randomUUID(),
            Buffer.from(crypto.getRandomValues(new Uint8Array(4))).toString('hex'),
          );
        },
        { runs: 2, seed: 4 },
      );
      return out;
    };
    const a = await sample();
    expect(await sample()).toEqual(a);
    expect(a[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a[0]).not.toBe(a[2]); // another run, other values
    expect(warn.mock.calls.filter((c) => String(c[0]).includes('under a run')).length).toBe(2); // once per exploration
    expect(crypto.randomUUID()).not.toBe(crypto.randomUUID()); // restored: random again
  });
});
