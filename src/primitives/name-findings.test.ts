import { describe, expect, it } from 'vitest';
import {
  chan,
  Cond,
  decodeReplay,
  explore,
  go,
  Mutex,
  Once,
  replay,
  RWMutex,
  select,
  time,
  WaitGroup,
  yield_,
} from '../index.js';

/** The single finding of a one-run exploration of `program`. */
async function findingOf(program: () => Promise<void>) {
  const r = await explore(program, { runs: 1 });
  expect(r.findings).toHaveLength(1);
  return r.findings[0]!;
}

describe('object names in findings and events', () => {
  it('should name a channel in a deadlock: `[chan receive] on chan#1 (jobs)`', async () => {
    const f = await findingOf(async () => {
      const jobs = chan<number>(0, { name: 'jobs' });
      await jobs.recv();
    });
    expect(f.kind).toBe('deadlock');
    expect(f.summary).toContain('[chan receive] on chan#1 (jobs)');
    expect(f.trace.events.some((e) => e.event === 'TaskBlocked' && e.obj === 'chan#1 (jobs)')).toBe(true);
  });

  it.each([
    [
      'Mutex',
      async () => {
        const mu = new Mutex({ name: 'state' });
        await mu.lock();
        await mu.lock();
      },
      ['[sync.Mutex.Lock] on Mutex#1 (state)'],
      ['MutexLocked Mutex#1 (state)'],
    ],
    [
      'RWMutex',
      async () => {
        const rw = new RWMutex({ name: 'config' });
        await rw.rLock();
        await rw.lock();
      },
      ['on RWMutex#1 (config)'],
      ['RWMutexRLocked RWMutex#1 (config)'],
    ],
    [
      'WaitGroup',
      async () => {
        const wg = new WaitGroup({ name: 'workers' });
        wg.add(1);
        await wg.wait();
      },
      ['[sync.WaitGroup.Wait] on WaitGroup#1 (workers)'],
      ['WaitGroupAdded WaitGroup#1 (workers)'],
    ],
    [
      'Cond',
      async () => {
        const mu = new Mutex({ name: 'mu' });
        const ready = new Cond(mu, { name: 'ready' });
        await mu.lock();
        await ready.wait();
      },
      ['[sync.Cond.Wait] on Cond#1 (ready)'],
      ['MutexLocked Mutex#1 (mu)'],
    ],
    [
      'Once',
      async () => {
        const init = new Once({ name: 'init' });
        await init.do(() => init.do(() => {}));
      },
      ['Once#1 (init)'],
      ['OnceStarted Once#1 (init)'],
    ],
  ])('should name a %s in the summary and the events', async (_kind, program, inSummary, inEvents) => {
    const f = await findingOf(program);
    for (const text of inSummary) expect(`${f.message}\n${f.summary}`).toContain(text);
    const lines = f.trace.events.map((e) => `${e.event} ${e.obj}`);
    for (const line of inEvents) expect(lines).toContain(line);
  });

  it('should name a timer and its channel in the events of the run that follows them', async () => {
    const f = await findingOf(async () => {
      const deadline = time.newTimer(time.Second, { name: 'deadline' });
      await deadline.C!.recv();
      await chan<void>(0, { name: 'never' }).recv();
    });
    const lines = f.trace.events.map((e) => `${e.event} ${e.obj}`);
    expect(lines).toContain('TimerFired Timer#1 (deadline)');
    expect(lines).toContain('ChanReceived chan#1 (deadline.C)');
    expect(f.summary).toContain('on chan#2 (never)');
  });
});

/**
 * Two producers race to a select over two channels; which case wins decides the outcome. `named`
 * changes nothing but the names, so every schedule must be the same schedule with or without them.
 */
function racing(named: boolean): () => Promise<void> {
  const opt = (name: string) => (named ? { name } : undefined);
  return async () => {
    const a = chan<number>(1, opt('a'));
    const b = chan<number>(1, opt('b'));
    const mu = new Mutex(opt('mu'));
    const wg = new WaitGroup(opt('producers'));
    wg.add(2);
    go(async () => {
      await mu.lock();
      await a.send(1);
      mu.unlock();
      wg.done();
    }, 'left');
    go(async () => {
      await yield_();
      await b.send(2);
      wg.done();
    }, 'right');
    await wg.wait();
    const r = await select([{ recv: a }, { recv: b }]);
    if (r.index === 1) throw new Error(`took b: ${r.value}`);
  };
}

describe('object names and schedule identity', () => {
  it('should record the same replay strings with and without names', async () => {
    const plain = await explore(racing(false), { runs: 50, seed: 3 });
    const named = await explore(racing(true), { runs: 50, seed: 3 });
    expect(plain.findings).toHaveLength(1);
    expect(named.findings.map((f) => f.replay)).toEqual(plain.findings.map((f) => f.replay));
    expect(named.findings[0]!.message).toBe(plain.findings[0]!.message);
    expect(decodeReplay(plain.findings[0]!.replay).choices.some((c) => c.id.startsWith('case1:chan#2'))).toBe(
      true,
    );
  });

  it('should replay a string recorded without names on the named program, and back', async () => {
    const plain = await explore(racing(false), { runs: 50, seed: 3 });
    const named = await explore(racing(true), { runs: 50, seed: 3 });
    for (const [recipe, program] of [
      [plain.findings[0]!.replay, racing(true)],
      [named.findings[0]!.replay, racing(false)],
    ] as const) {
      const again = await replay(program, decodeReplay(recipe));
      expect(again.divergence).toBeNull();
      expect(again.finding?.message).toBe('panic: took b: 2');
    }
  });
});
