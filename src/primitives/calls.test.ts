import { describe, expect, it } from 'vitest';
import { explore, external, InterleaveError, scheduled, spawn } from '../index.js';

/*
 * Plain async work as scheduling choices (calls.ts): the reproductions of what went wrong
 * with one outside operation per task, each as a test that failed before.
 */

describe('answers of outside work', () => {
  it('should let a later answer overtake an earlier one (both orders explored exhaustively)', async () => {
    const orders = new Set<string>();
    const r = await explore(
      async () => {
        const answers: string[] = [];
        const ask = async (q: string): Promise<void> => {
          answers.push(await external(() => q));
        };
        await Promise.all([spawn(() => ask('A')), spawn(() => ask('B'))]);
        orders.add(answers.join(''));
      },
      { strategy: 'dfs', runs: 500 },
    );
    expect(r.findings).toEqual([]);
    expect(orders).toEqual(new Set(['AB', 'BA']));
  });

  it('should find the stale answer of "last response wins" and pass its fix', async () => {
    const search = scheduled(async (q: string) => `results for ${q}`, { name: 'search' });
    const buggy = await explore(
      async () => {
        let shown = '';
        const onInput = async (q: string): Promise<void> => {
          shown = await search(q);
        };
        // Two keystrokes: the query "a", then "ab"; both searches are in flight at once.
        await Promise.all([onInput('a'), onInput('ab')]);
        if (shown !== 'results for ab') throw new Error(`stale results shown: ${shown}`);
      },
      { runs: 200, seed: 1 },
    );
    expect(buggy.findings.map((f) => f.message)).toEqual(['panic: stale results shown: results for a']);

    const fixed = await explore(
      async () => {
        let shown = '';
        let latest = 0;
        const onInput = async (q: string): Promise<void> => {
          const mine = ++latest;
          const r = await search(q);
          if (mine === latest) shown = r; // an answer to an older query is dropped
        };
        await Promise.all([onInput('a'), onInput('ab')]);
        if (shown !== 'results for ab') throw new Error(`stale results shown: ${shown}`);
      },
      { strategy: 'dfs', runs: 500 },
    );
    expect(fixed.findings).toEqual([]);
  });

  it('should allow any number of calls in flight per task (Promise.all over calls)', async () => {
    const r = await explore(
      async () => {
        const double = scheduled((n: number) => n * 2, { name: 'double' });
        const got = await Promise.all([double(1), double(2), external(() => 3)]);
        if (got.join() !== '2,4,3') throw new Error(`got ${got.join()}`);
      },
      { runs: 50 },
    );
    expect(r.findings).toEqual([]);
  });

  it('should accept work started and never awaited, as long as it settles', async () => {
    const log: string[] = [];
    const write = scheduled(async (line: string) => void log.push(line), { name: 'writeLog' });
    const r = await explore(
      async () => {
        void write('cache cleared');
        void external(() => Promise.resolve('ignored'));
      },
      { runs: 20 },
    );
    expect(r.findings).toEqual([]);
    expect(log.length).toBe(20); // every run's write ran, after main returned
  });

  it('should report work started and never awaited that never settles', async () => {
    const hang = scheduled(() => new Promise<void>(() => {}), { name: 'hang' });
    const r = await explore(
      async () => {
        void hang();
      },
      { runs: 5 },
    );
    expect(r.findings.map((f) => f.cause)).toEqual(['outside-await']);
    expect(r.findings[0]!.message).toMatch(/^outside await: task 2 \(hang\) is waiting/);
  });
});

describe('determinism', () => {
  it('should give byte-identical findings, replay strings and traces for the same seed', async () => {
    const fetchUser = scheduled(async (id: string) => ({ id }), { name: 'fetchUser' });
    const main = async (): Promise<void> => {
      const seen: string[] = [];
      const get = async (id: string): Promise<void> => {
        seen.push((await fetchUser(id)).id);
      };
      await Promise.all([spawn(() => get('1')), spawn(() => get('2')), get('3')]);
      if (seen.join() === '3,2,1') throw new Error(`answers came as ${seen.join()}`);
    };
    const once = async (): Promise<string> => {
      const r = await explore(main, { runs: 500, seed: 7 });
      expect(r.findings).toHaveLength(1);
      return JSON.stringify(r.findings.map((f) => [f.message, f.run, f.replay, f.trace]));
    };
    expect(await once()).toBe(await once());
  });
});

describe('latency as a choice', () => {
  it('should let a timer fire while a call is in flight, and after it (both explored)', async () => {
    const orders = new Set<string>();
    const save = scheduled(async () => 'saved', { name: 'save' });
    const r = await explore(
      async () => {
        const log: string[] = [];
        // A second keystroke 50 ms from now, while the save may still be in flight.
        const keystroke = new Promise<void>((resolve) =>
          setTimeout(() => {
            log.push('keystroke');
            resolve();
          }, 50),
        );
        log.push(await save());
        await keystroke;
        orders.add(log.join(','));
      },
      { strategy: 'dfs', runs: 500 },
    );
    expect(r.findings).toEqual([]);
    expect(orders).toEqual(new Set(['saved,keystroke', 'keystroke,saved']));
  });
});

describe('rejections', () => {
  it('should deliver a spawned caller failing to whoever awaits it, not as a panic', async () => {
    const r = await explore(async () => {
      const err = await spawn(() => Promise.reject(new Error('boom'))).catch((e: Error) => e.message);
      if (err !== 'boom') throw new Error(`got ${String(err)}`);
    });
    expect(r.findings).toEqual([]);
  });

  it('should report a call failing with nobody to handle it as an unhandled rejection', async () => {
    const fail = scheduled(() => Promise.reject(new Error('503')), { name: 'fetch' });
    const r = await explore(
      async () => {
        void fail();
      },
      { runs: 3 },
    );
    expect(r.findings.map((f) => f.cause)).toEqual(['unhandled-rejection']);
  });
});

describe('what the reports show of a call', () => {
  it('should record each call with its name, its arguments and its answer', async () => {
    const fetchUser = scheduled(async (id: string) => ({ id, name: `user ${id}` }), { name: 'fetchUser' });
    const r = await explore(
      async () => {
        const u = await fetchUser('42');
        throw new Error(`stop after ${u.name}`);
      },
      { runs: 1 },
    );
    const events = r.findings[0]!.trace.events.map((e) => `${e.event} ${e.obj}: ${e.detail}`);
    expect(events).toContain("CallStarted call#1 (fetchUser): ('42')");
    expect(events).toContain("CallReturned call#1 (fetchUser): { id: '42', name: 'user 42' }");
  });
});

describe('outside an exploration', () => {
  it('should call the function directly, and spawn should run it', async () => {
    const add = scheduled((a: number, b: number) => a + b);
    expect(await add(2, 3)).toBe(5);
    expect(await spawn(() => 'ran')).toBe('ran');
    await expect(scheduled(() => Promise.reject(new Error('x')))()).rejects.toThrow('x');
  });

  it('should refuse what is not a function, and bad names, in one line', () => {
    expect(() => scheduled(42 as never)).toThrow(InterleaveError);
    expect(() => scheduled(() => 1, { name: '' })).toThrow('scheduled(): name must not be empty or blank');
    expect(() => spawn('x' as never)).toThrow('spawn() takes a function, got string');
    expect(() => external(() => 1, { nmae: 'x' } as never)).toThrow("external(): unknown option 'nmae'");
  });
});
