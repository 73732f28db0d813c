import { describe, expect, it } from 'vitest';
import { chan, explore, go, program, yield_ } from '../index.js';

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Ordinary Node code: a retry with exponential back-off, awaiting plain promises and timers. */
async function retry<T>(attempt: () => Promise<T>, tries: number): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (i + 1 >= tries) throw e;
      await delay(100 * 2 ** i);
    }
  }
}

describe('compatibility mode', () => {
  it('should explore ordinary promise-and-timer code, switching itself on', async () => {
    let elapsed = -1;
    const r = await explore(
      async () => {
        let calls = 0;
        const started = Date.now();
        const value = await retry(async () => {
          if (++calls < 3) throw new Error('flaky');
          return 'ok';
        }, 5);
        expect(value).toBe('ok');
        elapsed = Date.now() - started;
      },
      { runs: 20 },
    );
    expect(r.findings).toEqual([]);
    expect(r.compat).toBe(true);
    expect(elapsed).toBe(300); // 100 ms + 200 ms of virtual back-off
  });

  it('should report such waits as outside awaits when switched off', async () => {
    const r = await explore(() => delay(10), { runs: 2, compat: 'off' });
    expect(r.findings[0]!.message).toMatch(/^outside await: task 1 \(main\)/);
    expect(r.compat).toBe(false);
  });

  it('should attribute operations of a task resumed by a plain promise another task resolved', async () => {
    const r = await explore(
      async () => {
        let open!: () => void;
        const gate = new Promise<void>((resolve) => (open = resolve));
        const ch = chan<string>();
        go(async () => {
          await gate; // resumed by main's plain resolve, not by the runtime
          await ch.send('through the gate');
        }, 'waiter');
        await yield_();
        open();
        expect(await ch.recv()).toBe('through the gate');
      },
      { runs: 50, seed: 8, compat: 'on' },
    );
    expect(r.findings).toEqual([]);
  });

  it('should report a promise nothing will ever settle as an outside await, never a hang', async () => {
    const r = await explore(
      async () => {
        await new Promise(() => {});
      },
      { runs: 3, compat: 'on' },
    );
    expect(r.findings[0]!.message).toMatch(/^outside await: task 1 \(main\)/);
  });

  it('should find a lost update in async code that reads, awaits, then writes', async () => {
    const counter = program(async () => {
      const store = { hits: 0 };
      const record = async (): Promise<void> => {
        const seen = store.hits;
        await delay(10); // e.g. a write to a database
        store.hits = seen + 1;
      };
      await Promise.all([record(), record()]);
      if (store.hits !== 2) throw new Error(`lost update: ${store.hits} hits recorded, 2 expected`);
    });
    const r = await explore(counter, { runs: 50, seed: 1 });
    expect(r.findings[0]!.kind).toBe('panic');
    expect(r.findings[0]!.message).toBe('panic: lost update: 1 hits recorded, 2 expected');
  });
});

describe('compatibility mode, more ordinary code', () => {
  it('should find a debounce that drops the last call when the timer and a call race', async () => {
    const debounced = program(async () => {
      const flushed: string[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const debounce = (value: string): void => {
        if (timer !== undefined) return; // bug: a call during the wait is dropped, not remembered
        timer = setTimeout(() => {
          flushed.push(value);
          timer = undefined;
        }, 100);
      };
      debounce('a');
      await delay(100); // the debounce timer is due at 100 ms too: the strategy orders the two
      debounce('b');
      await delay(250);
      if (flushed.at(-1) !== 'b') throw new Error(`last value lost: flushed ${JSON.stringify(flushed)}`);
    });
    const r = await explore(debounced, { runs: 60, seed: 3, findAll: true });
    expect(r.findings.map((f) => f.message)).toEqual(['panic: last value lost: flushed ["a"]']);
  });

  it('should report AbortSignal.timeout, which uses real time, as an outside await', async () => {
    const r = await explore(
      async () => {
        // Long enough that it cannot fire before the run is seen waiting, however busy the machine.
        const signal = AbortSignal.timeout(60_000);
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      },
      { runs: 1 },
    );
    expect(r.findings[0]!.message).toMatch(/^outside await: task 1 \(main\)/);
  });

  it('should still report two operations in flight at once in compatibility mode', async () => {
    const r = await explore(
      async () => {
        await Promise.race([yield_(), chan<number>().recv()]);
      },
      { runs: 1, compat: 'on' },
    );
    expect(r.findings[0]!.message).toMatch(/^error: two operations in flight: recv\(\) was called/);
  });
});
