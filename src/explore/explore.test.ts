import { describe, expect, it } from 'vitest';
import {
  chan,
  decodeReplay,
  explore,
  go,
  parseTrace,
  program,
  replay,
  select,
  stringifyTrace,
  yield_,
  type ReplayRecipe,
} from '../index.js';

/** A deadlock that needs a particular interleaving: the worker must win the select race. */
const racy = program(async () => {
  const a = chan<number>();
  const b = chan<number>();
  const done = chan<void>();
  go(async () => {
    const r = await select([{ recv: a }, { recv: b }]);
    if (r.index === 1) await done.recv(); // waits for a close that never comes
    await done.send();
  }, 'worker');
  go(
    () =>
      select([
        { send: a, value: 1 },
        { send: b, value: 2 },
      ]),
    'feeder',
  );
  await yield_();
  await done.recv();
});

describe('explore', () => {
  it('should give byte-identical traces for the same seed', async () => {
    const one = await explore(racy, { runs: 200, seed: 5 });
    const two = await explore(racy, { runs: 200, seed: 5 });
    expect(one.findings).toHaveLength(1);
    expect(one.findings[0]!.kind).toBe('deadlock');
    expect(stringifyTrace(two.findings[0]!.trace)).toBe(stringifyTrace(one.findings[0]!.trace));
    expect(two.findings[0]!.replay).toBe(one.findings[0]!.replay);
    expect(two.runs).toBe(one.runs);
  });

  it('should record events with source sites and the choices by stable id', async () => {
    const { findings } = await explore(racy, { runs: 200, seed: 5 });
    const trace = findings[0]!.trace;
    expect(trace.choices.length).toBeGreaterThan(0);
    for (const c of trace.choices) expect(c.id).toMatch(/^(main(\/\w+)*|case\d+:chan#\d+)$/);
    const blocked = trace.events.filter((e) => e.event === 'TaskBlocked');
    expect(blocked.length).toBeGreaterThan(0);
    for (const e of blocked) expect(e.site).toMatch(/^src\/explore\/explore\.test\.ts:\d+$/);
    const dump = findings[0]!.tasks.find((t) => t.name === 'worker')!;
    expect(dump.spawnSite).toMatch(/explore\.test\.ts:\d+$/);
    expect(dump.waitReason).toBe('chan receive');
  });

  it('should replay a finding from its replay string and from its trace', async () => {
    const { findings } = await explore(racy, { runs: 200, seed: 5 });
    const found = findings[0]!;
    for (const recipe of [decodeReplay(found.replay), parseTrace(stringifyTrace(found.trace))]) {
      const again = await replay(racy, recipe);
      expect(again.divergence).toBeNull();
      expect(again.finding?.message).toBe(found.message);
      expect(again.trace.events).toEqual(found.trace.events);
    }
  });

  it('should find nothing in schedules that cannot fail', async () => {
    const r = await explore(
      async () => {
        const c = chan<number>();
        go(() => c.send(1));
        await c.recv();
      },
      { runs: 50 },
    );
    expect(r).toEqual({ runs: 50, findings: [], seed: 1, strategy: 'random', compat: false, distinct: 2 });
  });

  it('should report a program whose replay differs as nondeterministic, with the first divergent event', async () => {
    let calls = 0;
    const r = await explore(
      async () => {
        calls++;
        const c = chan<number>();
        // State kept between runs: the replays of the failing run behave differently.
        if (calls === 1) await c.recv();
      },
      { runs: 3 },
    );
    expect(r.findings[0]!.kind).toBe('nondeterministic');
    expect(r.findings[0]!.cause).toBe('nondeterministic');
    expect(r.findings[0]!.message).toBe(
      'nondeterministic: replaying the schedule of this deadlock gave no finding instead',
    );
    expect(r.findings[0]!.summary).toContain('module state kept between runs');
  });

  it('should stop a replay that no longer fits the program with the step, the expected and the actual options', async () => {
    const { findings } = await explore(racy, { runs: 200, seed: 5 });
    const recipe = decodeReplay(findings[0]!.replay);
    const renamed: ReplayRecipe = {
      ...recipe,
      choices: recipe.choices.map((c) => ({ ...c, id: c.id.replace('worker', 'helper') })),
    };
    const out = await replay(racy, renamed);
    expect(out.divergence).not.toBeNull();
    expect(out.finding?.kind).toBe('error');
    expect(out.finding?.message).toMatch(
      /^replay diverged at step \d+ \(choice \d+\): the trace expected task '/,
    );
    const cont = await replay(racy, renamed, { continueAfterDivergence: true });
    expect(cont.divergence).not.toBeNull();
    expect(cont.finding?.kind).not.toBe('error');
  });

  it('should collect distinct findings with findAll', async () => {
    const r = await explore(
      async () => {
        const c = chan<number>();
        go(() => c.send(1), 'sender');
        const first = await select([{ recv: c }, { default: true }]);
        if (first.index === 1) return; // the sender is left blocked: a leak
        await c.recv(); // nobody sends again: a deadlock
      },
      { runs: 100, seed: 2, findAll: true },
    );
    expect(r.findings.map((f) => f.kind).sort()).toEqual(['deadlock', 'leak']);
    expect(r.runs).toBe(100);
  });

  it('should refuse bad options with a message naming the option', async () => {
    await expect(explore(async () => {}, { runs: 0 })).rejects.toThrow(
      'option runs must be an integer ≥ 1, got 0',
    );
    await expect(explore(async () => {}, { mode: 'prod' as never })).rejects.toThrow(
      "option mode must be 'test' or 'program'",
    );
    await expect(explore(async () => {}, { strategy: 'bfs' as never })).rejects.toThrow(
      "unknown strategy 'bfs'; available: random, pct, dfs, dpor, portfolio",
    );
    await expect(explore(async () => {}, { rnus: 3 } as never)).rejects.toThrow("unknown option 'rnus'");
  });
});
