/**
 * The interleave side of the benchmark, and the plain-JS floor it is compared with:
 *  - the schedule workload: main starts 3 tasks that each take 10 `yield_()` steps and then send on
 *    a done channel; main receives 3 times;
 *  - the hand-off workload: two tasks ping-ponging a value over two unbuffered channels;
 *  - the controlled hand-off: two tasks taking yield_() steps alternately, one hand-off per step;
 *  - the raw floor: two async functions handing a resolved promise back and forth.
 */
import {
  chan,
  explore,
  go,
  time,
  yield_,
  type ChoicePoint,
  type ExploreOptions,
  type ExploreResult,
  type Strategy,
} from '../src/index.js';

export const TASKS = 3;
export const STEPS_PER_TASK = 10;
/** Controlled steps of one schedule of the workload (the yields; the same count on the fast-check side). */
export const STEPS_PER_SCHEDULE = TASKS * STEPS_PER_TASK;

/** The schedule workload: TASKS tasks of STEPS_PER_TASK yields each, and main waiting for them. */
export async function yieldingTasks(): Promise<void> {
  const done = chan<void>();
  for (let t = 0; t < TASKS; t++) {
    go(async () => {
      for (let i = 0; i < STEPS_PER_TASK; i++) await yield_();
      await done.send(undefined);
    });
  }
  for (let t = 0; t < TASKS; t++) await done.recv();
}

/**
 * `explore(main, options)`, checked clean: throws (`<what> misbehaved: ...`, with the findings'
 * messages) unless every one of `options.runs` runs was made and none had a finding.
 */
export async function exploreClean(
  main: () => Promise<void>,
  options: ExploreOptions & { readonly runs: number },
  what: string,
): Promise<ExploreResult> {
  const result = await explore(main, options);
  if (result.runs !== options.runs || result.findings.length !== 0) {
    throw new Error(
      `${what} misbehaved: ${result.runs}/${options.runs} runs, findings: ` +
        result.findings.map((f) => f.message).join('; '),
    );
  }
  return result;
}

/** `explore()` with default options but `runs` and `seed`: every check a user gets is on. */
export async function exploreWorkload(runs: number, seed: number): Promise<void> {
  await exploreClean(yieldingTasks, { runs, seed }, 'bench workload');
}

/**
 * One run in which two tasks exchange `rounds` pings and `rounds` pongs over two unbuffered channels
 * (2 × rounds controlled hand-offs). maxSteps is raised to fit the long run.
 */
export async function exploreHandoffs(rounds: number, seed: number): Promise<number> {
  let received = 0;
  const result = await explore(
    async () => {
      const ping = chan<number>();
      const pong = chan<number>();
      const done = chan<void>();
      go(async () => {
        for (let i = 0; i < rounds; i++) {
          await ping.send(i);
          if ((await pong.recv()) === i) received++;
        }
        await done.send(undefined);
      }, 'pinger');
      go(async () => {
        for (let i = 0; i < rounds; i++) {
          const v = await ping.recv();
          received++;
          await pong.send(v ?? -1);
        }
      }, 'ponger');
      await done.recv();
    },
    { runs: 1, seed, maxSteps: 10 * rounds + 1_000 },
  );
  if (result.findings.length !== 0 || received !== 2 * rounds) {
    throw new Error(
      `hand-off workload misbehaved: ${received}/${2 * rounds} messages, findings: ` +
        result.findings.map((f) => f.message).join('; '),
    );
  }
  return 2 * rounds;
}

/**
 * A controlled ping-pong: at every step the task that did not move last moves now, so every step
 * is a hand-off from one task to the other (one promise resolved, one continuation resumed), the
 * same unit of work as one raw hand-off.
 */
class Alternate implements Strategy {
  readonly name = 'alternate';
  readonly params = {};
  private last = -1;
  beginRun(run: number): boolean {
    this.last = -1;
    return run === 0;
  }
  choose(point: ChoicePoint): number {
    const options = point.options;
    let i = 0;
    while (i < options.length - 1 && options[i]!.task === this.last) i++;
    this.last = options[i]!.task;
    return i;
  }
  endRun(): void {}
}

/**
 * One run in which two tasks take `yields` `yield_()` steps each, alternating: ns per controlled
 * hand-off between two tasks, with everything `explore()` does per step (checks, recording of choices).
 */
export async function exploreYieldSteps(yields: number, _seed: number): Promise<number> {
  let steps = 0;
  const result = await explore(
    async () => {
      const done = chan<void>();
      for (let t = 0; t < 2; t++) {
        go(async () => {
          for (let i = 0; i < yields; i++) {
            await yield_();
            steps++;
          }
          await done.send(undefined);
        });
      }
      await done.recv();
      await done.recv();
    },
    // The tasks spin on purpose (their counters are plain variables): no livelock before the end.
    { runs: 1, strategy: new Alternate(), maxSteps: 2 * yields + 1_000, livelockSteps: 2 * yields + 1_000 },
  );
  if (result.findings.length !== 0 || steps !== 2 * yields) {
    throw new Error(
      `yield-step workload misbehaved: ${steps}/${2 * yields} steps, findings: ` +
        result.findings.map((f) => f.message).join('; '),
    );
  }
  return 2 * yields;
}

/**
 * Two async functions handing a resolved promise back and forth, `handoffs` times in all: each hand-off
 * is one promise created, the other side's resolved, one await resumed. The floor for "one microtask
 * hop per task switch".
 */
export async function rawHandoffs(handoffs: number): Promise<number> {
  let wakeOther: (() => void) | null = null;
  let count = 0;
  const player = async (turns: number): Promise<void> => {
    for (let i = 0; i < turns; i++) {
      await new Promise<void>((resolve) => {
        const other = wakeOther;
        wakeOther = resolve;
        if (other) {
          count++;
          other();
        }
      });
    }
  };
  const half = handoffs >> 1;
  const a = player(half + 1);
  const b = player(half);
  await b;
  // The last waiter still parked is released so both players finish.
  (wakeOther as (() => void) | null)?.();
  await a;
  return count;
}

/** The timer workload: main + 3 tasks × 10 waits of 1 ms, written two ways. */
const WAITS = 10;

async function sleepingTasks(wait: () => Promise<void>): Promise<void> {
  const done = chan<void>();
  for (let t = 0; t < TASKS; t++) {
    go(async () => {
      for (let i = 0; i < WAITS; i++) await wait();
      await done.send(undefined);
    });
  }
  for (let t = 0; t < TASKS; t++) await done.recv();
}

/**
 * Default mode: the waits are `time.sleep` (interleave operations), or, with `compat`, ordinary
 * `await new Promise((r) => setTimeout(r, 1))`, which compatibility mode follows through async
 * context tracking and one turn of the event loop per plain await.
 */
export async function exploreTimers(runs: number, seed: number, compat: boolean): Promise<void> {
  const wait = compat
    ? () => new Promise<void>((resolve) => setTimeout(resolve, 1))
    : () => time.sleep(time.Millisecond);
  await exploreClean(
    () => sleepingTasks(wait),
    { runs, seed, compat: compat ? 'on' : 'off' },
    `timer workload (compat ${compat})`,
  );
}
