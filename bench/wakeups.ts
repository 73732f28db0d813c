/**
 * `scale.<shape>.ns_per_step_<N>`: the cost of one controlled step in a run where many tasks are
 * blocked on one object and wake often, at runs of about 1,000, 10,000 and 100,000 steps. The figure
 * should stay flat as the run grows; if it grows, something in the runtime costs in proportion to
 * the run (or to the waiters) per step.
 *
 * Shapes (WAITERS tasks each, all blocked on the one object most of the time):
 *  - cond_broadcast: waiters sleep on a Cond; main bumps a generation and broadcasts, all wake;
 *  - cond_signal: waiters sleep on a Cond; main hands out one token per signal, one wakes;
 *  - mutex: waiters take turns on one Mutex (lock, bump, unlock);
 *  - chan_senders: waiters send on one unbuffered channel that main drains.
 *
 * The step count of a run is exact: a strategy wrapping the random one reads it at the run's end.
 */
import { Cond, Mutex, chan, go } from '../src/index.js';
import { CountingStrategy } from './counting.js';
import { median, timeNs, type Metric } from './measure.js';
import { exploreClean } from './workloads.js';

/** Tasks blocked on the one object, in every shape. */
export const WAITERS = 100;

export const WAKEUP_SHAPES = ['cond_broadcast', 'cond_signal', 'mutex', 'chan_senders'] as const;
export type WakeupShape = (typeof WAKEUP_SHAPES)[number];

/** Main broadcasts `rounds` times; every waiter wakes once per round and acknowledges. */
function condBroadcast(rounds: number, waiters: number): () => Promise<void> {
  return async () => {
    const mu = new Mutex();
    const cond = new Cond(mu);
    const ack = chan<void>(waiters);
    let generation = 0;
    for (let w = 0; w < waiters; w++) {
      go(async () => {
        for (let seen = 0; seen < rounds; seen++) {
          await mu.lock();
          while (generation === seen) await cond.wait();
          mu.unlock();
          await ack.send(undefined);
        }
      });
    }
    for (let r = 0; r < rounds; r++) {
      await mu.lock();
      generation++;
      cond.broadcast();
      mu.unlock();
      for (let w = 0; w < waiters; w++) await ack.recv();
    }
  };
}

/** Main hands out `wakeups` tokens, one signal each; the woken waiter takes it and acknowledges. */
function condSignal(wakeups: number, waiters: number): () => Promise<void> {
  return async () => {
    const mu = new Mutex();
    const cond = new Cond(mu);
    const ack = chan<void>();
    let tokens = 0;
    let closing = false;
    const done = chan<void>(waiters);
    for (let w = 0; w < waiters; w++) {
      go(async () => {
        for (;;) {
          await mu.lock();
          while (tokens === 0 && !closing) await cond.wait();
          if (tokens === 0) break;
          tokens--;
          mu.unlock();
          await ack.send(undefined);
        }
        mu.unlock();
        await done.send(undefined);
      });
    }
    for (let i = 0; i < wakeups; i++) {
      await mu.lock();
      tokens++;
      cond.signal();
      mu.unlock();
      await ack.recv();
    }
    await mu.lock();
    closing = true;
    cond.broadcast();
    mu.unlock();
    for (let w = 0; w < waiters; w++) await done.recv();
  };
}

/** Every waiter takes the one Mutex `turns` times. */
function mutexTurns(turns: number, waiters: number): () => Promise<void> {
  return async () => {
    const mu = new Mutex();
    const done = chan<void>(waiters);
    let count = 0;
    for (let w = 0; w < waiters; w++) {
      go(async () => {
        for (let i = 0; i < turns; i++) {
          await mu.lock();
          count++;
          mu.unlock();
        }
        await done.send(undefined);
      });
    }
    for (let w = 0; w < waiters; w++) await done.recv();
    if (count !== waiters * turns) throw new Error(`mutex shape: ${count} turns`);
  };
}

/** Every waiter sends `sends` values on the one unbuffered channel; main drains them. */
function chanSenders(sends: number, waiters: number): () => Promise<void> {
  return async () => {
    const c = chan<number>();
    for (let w = 0; w < waiters; w++) {
      go(async () => {
        for (let i = 0; i < sends; i++) await c.send(i);
      });
    }
    for (let i = 0; i < waiters * sends; i++) await c.recv();
  };
}

const PROGRAMS: Record<WakeupShape, (size: number, waiters: number) => () => Promise<void>> = {
  cond_broadcast: condBroadcast,
  cond_signal: condSignal,
  mutex: mutexTurns,
  chan_senders: chanSenders,
};

/**
 * The size parameter of a shape for about `steps` steps: the shapes are about linear in their size,
 * so a linear estimate from measured runs, refined once, lands near the step count named in the metric.
 */
export async function sizeFor(shape: WakeupShape, steps: number): Promise<number> {
  const base = (await runShape(shape, 1, 1)).steps;
  let size = 16;
  // A linear estimate from the steps at sizes 1 and 16 (the shapes are about linear in their size,
  // plus a fixed part), then one refinement: the line drawn again through the size it gave.
  for (let i = 0; i < 2; i++) {
    const perUnit = ((await runShape(shape, size, 1)).steps - base) / (size - 1);
    const next = Math.max(2, Math.round(1 + (steps - base) / perUnit));
    if (next === size) break;
    size = next;
  }
  return size;
}

export interface ShapeRun {
  readonly steps: number;
  readonly ns: number;
}

/** One run of a shape at `size`, every check on (default options but the step limit), timed. */
export async function runShape(shape: WakeupShape, size: number, seed: number): Promise<ShapeRun> {
  const strategy = new CountingStrategy(seed, 1);
  const ns = await timeNs(() =>
    exploreClean(
      PROGRAMS[shape](size, WAITERS),
      // Far above the shapes' own counts (at most about 6 steps per waiter and unit of size).
      { runs: 1, strategy, maxSteps: 100 * WAITERS * (size + 10) },
      `wake-up shape ${shape}`,
    ),
  );
  return { steps: strategy.steps, ns };
}

export interface WakeupConfig {
  readonly steps: readonly number[];
  readonly reps: number;
}

export const WAKEUPS_FULL: WakeupConfig = { steps: [1_000, 10_000, 100_000], reps: 5 };
export const WAKEUPS_QUICK: WakeupConfig = { steps: [1_000, 10_000], reps: 1 };

/** ns per step of every shape at every size (the median of `reps` runs, after one warm-up run). */
export async function measureWakeups(c: WakeupConfig): Promise<Metric[]> {
  const metrics: Metric[] = [];
  for (const shape of WAKEUP_SHAPES) {
    for (const target of c.steps) {
      const size = await sizeFor(shape, target);
      await runShape(shape, size, 99); // warm-up
      const perStep: number[] = [];
      let steps = 0;
      for (let r = 0; r < c.reps; r++) {
        const run = await runShape(shape, size, r + 1);
        perStep.push(run.ns / run.steps);
        steps = run.steps;
      }
      metrics.push({
        name: `scale.${shape}.ns_per_step_${target}`,
        value: median(perStep),
        unit: `ns (${WAITERS} waiters, ${steps} steps)`,
      });
    }
  }
  return metrics;
}
