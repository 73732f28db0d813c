import { describe, expect, it } from 'vitest';
import {
  chan,
  explore,
  go,
  Mutex,
  parseTrace,
  program,
  stringifyTrace,
  track,
  WaitGroup,
  type ExploredFinding,
} from '../index.js';
import { explain } from '../report/explain.js';
import { renderInterleaving } from '../report/interleaving.js';
import { findCulprits } from './culprits.js';

/*
 * The culprit steps of each kind of finding, asserted step by step on programs run through
 * explore(): what the replay recorded, the culprits explore attached, and where they point.
 */

async function firstFinding(main: () => Promise<void>, runs = 200): Promise<ExploredFinding> {
  const r = await explore(program(main), { runs, seed: 1 });
  expect(r.findings.length).toBeGreaterThan(0);
  return r.findings[0]!;
}

/** Each culprit as `reason task event obj`, and the event it points at, checked to be that one. */
function culpritRows(f: ExploredFinding): string[] {
  return (f.culprits ?? []).map((c) => {
    if (c.index !== null) {
      const e = f.trace.events[c.index]!;
      expect({ step: e.step, task: e.task, event: e.event, obj: e.obj, site: e.site }).toEqual({
        step: c.step,
        task: c.task,
        event: c.event,
        obj: c.obj,
        site: c.site,
      });
    }
    return `${c.reason} task ${c.task} ${c.event ?? '-'} ${c.obj}`.trimEnd();
  });
}

/**
 * A job queue shut too early: the closer closes `jobs` and only then lets the producer go, so the
 * producer's job lands in a closed queue (ordered, so no race: a panic every time).
 */
async function lostJobs(): Promise<void> {
  const jobs = chan<number>(1);
  const start = chan<void>();
  const wg = new WaitGroup();
  wg.add(1);
  go(async () => {
    await start.recv();
    await jobs.send(1);
    wg.done();
  }, 'producer');
  go(async () => {
    jobs.close();
    await start.send();
  }, 'closer');
  await wg.wait();
}

/** Check-then-act on a tracked cache: both tasks read the slot, then fill it. */
async function cacheRace(): Promise<void> {
  const cache = track({ value: undefined as number | undefined }, 'cache');
  const wg = new WaitGroup();
  wg.add(2);
  for (const name of ['a', 'b']) {
    go(async () => {
      if (cache.value === undefined) cache.value = 42;
      wg.done();
    }, name);
  }
  await wg.wait();
}

/** Ping-pong over `ball`, then main waits for a `done` that nobody ever closes. */
async function pingPongWithoutClose(): Promise<void> {
  const ball = chan<number>();
  const done = chan<void>();
  go(async () => {
    for (;;) await ball.send(((await ball.recv()) ?? 0) + 1);
  }, 'player');
  for (let i = 0; i < 2; i++) {
    await ball.send(i);
    await ball.recv();
  }
  await done.recv();
}

describe('culprits', () => {
  it('should blame the close that came before a send on a closed channel, then the panic', async () => {
    const f = await firstFinding(lostJobs);
    expect(f.message).toBe('panic: send on closed channel');
    expect(culpritRows(f)).toEqual([
      'closed-before task 3 ChanClosed chan#1',
      'panicked task 2 TaskPanicked',
    ]);
    const [close, panic] = f.culprits!;
    expect(close!.step!).toBeLessThanOrEqual(panic!.step!);
    expect(close!.peer).toEqual({ task: 2, step: panic!.step });
    expect(close!.words).toBe(
      `task 3 (closer) closed chan#1 at step ${close!.step} before task 2 (producer) sent on it at step ${panic!.step}`,
    );
  });

  it('should blame both accesses of a check-then-act race, with their sites and no edge between them', async () => {
    const f = await firstFinding(cacheRace);
    expect(f.kind).toBe('race');
    const race = f.race!;
    const rows = culpritRows(f);
    expect(rows).toEqual([
      `race-access task ${race.previous.task} ${race.previous.write ? 'VarWritten' : 'VarRead'} ${race.variable}`,
      `race-access task ${race.current.task} ${race.current.write ? 'VarWritten' : 'VarRead'} ${race.variable}`,
    ]);
    const [first, second] = f.culprits!;
    expect(first!.site).toBe(race.previous.site);
    expect(second!.site).toBe(race.current.site);
    expect(first!.site).toMatch(/^src\/explore\/culprits\.test\.ts:\d+$/);
    expect(second!.peer).toEqual({ task: first!.task, step: first!.step });
    expect(first!.peer).toEqual({ task: second!.task, step: second!.step });
    expect(second!.words).toContain('with no happens-before edge from');
  });

  it('should blame a ping-pong deadlock on the last partner, and on nobody ever closing done', async () => {
    const f = await firstFinding(pingPongWithoutClose, 5);
    expect(f.kind).toBe('deadlock');
    expect(culpritRows(f)).toEqual([
      'last-partner task 1 ChanReceived chan#1', // main took the last ball, then left
      'blocked task 1 TaskBlocked chan#2',
      'blocked task 2 TaskBlocked chan#1',
      'no-partner task 1 - chan#2',
    ]);
    const noPartner = f.culprits![3]!;
    expect(noPartner).toMatchObject({ index: null, step: null, event: null, peer: null });
    expect(noPartner.words).toBe('no task but task 1 (main) ever used chan#2, so nothing could release it');
    expect(f.culprits![0]!.peer).toEqual({ task: 2, step: f.culprits![2]!.step });
  });

  it('should blame what a failing check read, and who produced it', async () => {
    const f = await firstFinding(async () => {
      const results = chan<number>(1);
      go(async () => {
        await results.send(41);
      }, 'worker');
      const v = await results.recv();
      if (v !== 42) throw new Error(`expected 42, got ${v}`);
    }, 5);
    expect(culpritRows(f)).toEqual([
      'produced-value task 2 ChanSent chan#1',
      'last-read task 1 ChanReceived chan#1',
      'panicked task 1 TaskPanicked',
    ]);
    expect(f.culprits![2]!.words).toMatch(/^task 1 \(main\) panicked at step \d+: expected 42, got 41$/);
  });

  it('should blame the adds and dones that took a WaitGroup below zero, and the unlock before a second one', async () => {
    const wg = await firstFinding(async () => {
      const g = new WaitGroup();
      g.add(1);
      g.done();
      g.done();
    }, 1);
    expect(culpritRows(wg)).toEqual([
      'counter-moved task 1 WaitGroupAdded WaitGroup#1',
      'counter-moved task 1 WaitGroupAdded WaitGroup#1',
      'counter-moved task 1 WaitGroupAdded WaitGroup#1',
      'panicked task 1 TaskPanicked',
    ]);
    const mu = await firstFinding(async () => {
      const m = new Mutex();
      await m.lock();
      m.unlock();
      m.unlock();
    }, 1);
    expect(culpritRows(mu)).toEqual([
      'unlocked-before task 1 MutexUnlocked Mutex#1',
      'panicked task 1 FatalError',
    ]);
  });

  it('should keep culprits through a trace file, and compute them for a trace written without', async () => {
    const f = await firstFinding(lostJobs);
    const read = parseTrace(stringifyTrace(f.trace));
    expect(read.finding?.culprits).toEqual(f.culprits);
    const { culprits: _, ...older } = f.trace.finding!;
    const old = parseTrace(stringifyTrace({ ...f.trace, finding: older }));
    expect(old.finding?.culprits).toBeUndefined();
    expect(findCulprits(old.finding!, old.events)).toEqual(f.culprits);
    // The terminal marks the same steps either way: the close and the panic.
    const marked = (finding: typeof older) =>
      renderInterleaving({ events: f.trace.events, finding })
        .split('\n')
        .filter((l) => l[1] === '*');
    expect(marked(older)).toEqual(marked(f.trace.finding!));
    expect(marked(older).map((l) => /(ChanClosed|TaskPanicked)/.exec(l)?.[1])).toEqual([
      'ChanClosed',
      'TaskPanicked',
    ]);
  });
});

describe('culprits in a trace file', () => {
  it('should refuse a malformed culprit, and leave out culprits of a reason it does not know', async () => {
    const f = await firstFinding(lostJobs);
    const withCulprits = (culprits: unknown): string =>
      JSON.stringify({ ...f.trace, finding: { ...f.trace.finding, culprits } });
    expect(() => parseTrace(withCulprits([{ ...f.culprits![0], task: 'x' }]), 't.json')).toThrow(
      /corrupt t\.json: finding\.culprits\[0\]\.task/,
    );
    expect(() => parseTrace(withCulprits('all of them'), 't.json')).toThrow(/finding\.culprits/);
    const newer = parseTrace(withCulprits([{ ...f.culprits![0], reason: 'from-the-future' }]));
    expect(newer.finding).not.toHaveProperty('culprits');
  });
});

describe('culprits in explain', () => {
  it('should tell the culprit steps in words and mark them in the story', async () => {
    const f = await firstFinding(lostJobs);
    const text = explain(f.trace);
    expect(text).toContain(
      [
        'The culprit steps (marked * in the story and the interleaving):',
        ...f.culprits!.filter((c) => c.reason !== 'panicked').map((c) => `  ${c.words}`),
      ].join('\n'),
    );
    expect(text).toMatch(/^\* step +\d+  task 3 \(closer\) closed chan#1 /m);
    // The panic itself is told once, by the conclusion, not as a culprit nor in the story.
    expect(text.match(/panicked/g)).toHaveLength(1);
    expect(text).toMatch(/^task 2 \(producer\) panicked at \S+: send on closed channel/m);
  });

  it('should tell both accesses of a race in the story, not only its summary', async () => {
    const text = explain((await firstFinding(cacheRace)).trace);
    expect(text).toMatch(/^\* step +\d+  task \d \([ab]\) wrote cache\.value/m);
    expect(text).toMatch(/^\* step +\d+  task \d \([ab]\) read cache\.value/m);
    expect(text).toContain('with no happens-before edge from');
  });
});
