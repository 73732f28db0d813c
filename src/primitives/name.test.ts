import { describe, expect, it } from 'vitest';
import { chan, Cond, explore, InterleaveError, Mutex, Once, RWMutex, time, WaitGroup } from '../index.js';
import { MAX_NAME_LENGTH, nameOption } from './name.js';

/** Runs `body` once inside a run and returns what it returned. */
async function inRun<T>(body: () => T): Promise<T> {
  let out: T | undefined;
  const r = await explore(
    () => {
      out = body();
    },
    { runs: 1 },
  );
  expect(r.findings).toEqual([]);
  return out!;
}

describe('object names: labels', () => {
  it('should show a named object as `kind#n (name)` and keep an unnamed one exactly `kind#n`', async () => {
    const labels = await inRun(() => {
      const mu = new Mutex();
      return [
        chan<number>(0, { name: 'jobs' }).label,
        chan<number>().label,
        mu.label,
        new Mutex({ name: 'mu' }).label,
        new RWMutex({ name: 'config' }).label,
        new WaitGroup({ name: 'workers' }).label,
        new Cond(mu, { name: 'ready' }).label,
        new Once({ name: 'init' }).label,
      ];
    });
    expect(labels).toEqual([
      'chan#1 (jobs)',
      'chan#2',
      'Mutex#1',
      'Mutex#2 (mu)',
      'RWMutex#1 (config)',
      'WaitGroup#1 (workers)',
      'Cond#1 (ready)',
      'Once#1 (init)',
    ]);
  });

  it('should keep the stable label of a channel free of its name', async () => {
    const stable = await inRun(() => [chan(0, { name: 'jobs' }).stableLabel, chan().stableLabel]);
    expect(stable).toEqual(['chan#1', 'chan#2']);
  });

  it('should name a timer, a ticker and their channels (`name.C`)', async () => {
    const labels = await inRun(() => {
      const t = time.newTimer(time.Second, { name: 'deadline' });
      const k = time.newTicker(time.Second, { name: 'heartbeat' });
      const f = time.afterFunc(time.Second, () => {}, { name: 'cleanup' });
      const a = time.after(time.Second, { name: 'timeout' });
      const out = [t.label, t.C!.label, k.label, k.C.label, f.label, a.label];
      t.stop();
      k.stop();
      f.stop();
      return out;
    });
    expect(labels).toEqual([
      'Timer#1 (deadline)',
      'chan#1 (deadline.C)',
      'Ticker#1 (heartbeat)',
      'chan#2 (heartbeat.C)',
      'Timer#2 (cleanup)',
      'chan#3 (timeout.C)',
    ]);
  });

  it("should read chan's second argument as options only when it is exactly { name }", async () => {
    const made = await inRun(() =>
      [
        chan<number>(0, { name: 'a' }),
        chan<number>(0, -1),
        chan<number>(0, -1, { name: 'b' }),
        chan<{ name: string }>(0, { name: 'zero' }, {}),
        chan<{ name: string; n: number }>(0, { name: 'zero', n: 1 }),
      ].map((c) => [c.label, c.zero]),
    );
    expect(made).toEqual([
      ['chan#1 (a)', undefined],
      ['chan#2', -1],
      ['chan#3 (b)', -1],
      ['chan#4', { name: 'zero' }],
      ['chan#5', { name: 'zero', n: 1 }],
    ]);
  });
});

describe('object names: validation', () => {
  it.each([
    ['', /name must not be empty or blank/],
    ['   ', /name must not be empty or blank/],
    ['a\nb', /does not print/],
    ['tab\there', /does not print/],
    ['bidi\u202e', /does not print/],
    ['x'.repeat(MAX_NAME_LENGTH + 1), /at most 64/],
    [42, /name must be a string, not number/],
  ])('should refuse the name %j with one clear line', (name, why) => {
    const refuse = (): unknown => nameOption({ name } as never, 'new Mutex()');
    expect(refuse).toThrow(InterleaveError);
    expect(refuse).toThrow(why);
    try {
      refuse();
    } catch (e) {
      expect((e as Error).message).toMatch(/^new Mutex\(\): /);
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('should refuse options that are not an object, and accept none, an empty one or a plain name', () => {
    expect(() => nameOption('jobs' as never, 'chan()')).toThrow(
      /options must be an object such as \{ name: 'jobs' \}/,
    );
    expect(() => nameOption(null as never, 'chan()')).toThrow(/, not null$/);
    expect(() => nameOption({ nmae: 'jobs' } as never, 'new Once()')).toThrow(
      "new Once(): unknown option 'nmae' (the one option is name)",
    );
    expect(nameOption({ name: undefined }, 'chan()')).toBeUndefined();
    expect(nameOption(undefined, 'chan()')).toBeUndefined();
    expect(nameOption({}, 'chan()')).toBeUndefined();
    expect(nameOption({ name: 'x'.repeat(MAX_NAME_LENGTH) }, 'chan()')).toHaveLength(MAX_NAME_LENGTH);
    expect(nameOption({ name: 'jobs → done, é' }, 'chan()')).toBe('jobs → done, é');
  });

  it('should make every constructor refuse a bad name with an InterleaveError', async () => {
    const errors = await inRun(() => {
      const out: unknown[] = [];
      const attempts: (() => unknown)[] = [
        () => chan(0, { name: '' }),
        () => chan(0, 0, { name: '' }),
        () => new Mutex({ name: '' }),
        () => new RWMutex({ name: '' }),
        () => new WaitGroup({ name: '' }),
        () => new Cond(new Mutex(), { name: '' }),
        () => new Once({ name: '' }),
        () => time.newTimer(time.Second, { name: '' }),
        () => time.afterFunc(time.Second, () => {}, { name: '' }),
        () => time.newTicker(time.Second, { name: '' }),
      ];
      for (const make of attempts) {
        try {
          make();
          out.push('accepted');
        } catch (e) {
          out.push((e as Error).message);
        }
      }
      return out;
    });
    expect(errors).toEqual([
      'chan(): name must not be empty or blank',
      'chan(): name must not be empty or blank',
      'new Mutex(): name must not be empty or blank',
      'new RWMutex(): name must not be empty or blank',
      'new WaitGroup(): name must not be empty or blank',
      'new Cond(): name must not be empty or blank',
      'new Once(): name must not be empty or blank',
      'time.newTimer: name must not be empty or blank',
      'time.afterFunc: name must not be empty or blank',
      'time.newTicker: name must not be empty or blank',
    ]);
  });
});
