import type { Owned, Runtime } from '../runtime/contract.js';
import { newClock } from '../runtime/happens-before/race.js';
import type { Footprint } from '../strategies/strategy.js';
import type { Performer, Task } from '../runtime/task.js';
import { requireRuntime } from './chan.js';
import { WaitReason } from '../base/go-texts.js';
import { nameOption, type NameOptions } from './name.js';

/** What a `do` step tells its caller: run `fn` (the first caller), or return (Once is done). */
const RUN = 1;
const SKIP = 0;

/*
 * Go's sync.Once (src/sync/once.go): a done flag and a mutex held while f runs. Callers that arrive
 * while f is running block on that mutex (wait reason `sync.Mutex.Lock`) and return, without running
 * f, once it has finished; each then releases the mutex in turn, which we collapse into waking them
 * all when f finishes (nothing observable happens in between). f may be async and may block; a
 * throw from f still marks the Once done and propagates to the first caller only, as in Go.
 */

/**
 * Go's `sync.Once`: `do(fn)` runs `fn` exactly once across all tasks; every `do` returns only after
 * that one run has finished.
 *
 * ```ts
 * const once = new Once();
 * await once.do(async () => { config = await load(); });
 * ```
 */
export class Once implements Performer, Owned {
  readonly rt: Runtime;
  readonly id: number;
  readonly label: string;
  private done = false;
  private running = false;
  private waiters: Task[] = [];
  private readonly fp: Footprint;

  /** Happens-before: the body's effects, published when it finishes (race detector). */
  private readonly clock = newClock();

  constructor(options?: NameOptions) {
    this.rt = requireRuntime('new Once()');
    const { id, label } = this.rt.register('Once', nameOption(options, 'new Once()'));
    this.id = id;
    this.label = label;
    this.fp = [{ obj: id, write: true }];
  }

  /**
   * Go's `Do(f)`: the first caller runs `fn` (awaited if it returns a promise); others block until it
   * has finished. A `do` on this Once from inside `fn` blocks forever, as in Go (a deadlock).
   */
  do(fn: () => unknown): Promise<void> {
    return this.rt
      .announce(this, 0, undefined, 'once.do')
      .then((r: number) => (r === RUN ? this.run(fn) : undefined));
  }

  /** Whether `fn` has finished (for tests and invariants). */
  get isDone(): boolean {
    return this.done;
  }

  private run(fn: () => unknown): Promise<void> | undefined {
    let r: unknown;
    try {
      r = fn();
    } catch (e) {
      this.finish();
      throw e;
    }
    if (r instanceof Promise) {
      return r.then(
        () => this.finish(),
        (e: unknown) => {
          this.finish();
          throw e;
        },
      );
    }
    this.finish();
    return undefined;
  }

  /** `fn` returned or threw: Once is done; wake every caller blocked meanwhile. */
  private finish(): void {
    const rt = this.rt;
    const t = rt.caller('once.do', this.label);
    if (t === null) return;
    this.done = true;
    this.running = false;
    rt.race?.release(t.id, this.clock); // fn's effects happen before every do returns
    rt.recorder?.emit(rt.steps, t.id, 'OnceDone', { obj: this.label }, t.site);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      rt.race?.acquire(w.id, this.clock);
      rt.wake(w, SKIP);
    }
  }

  perform(task: Task): boolean {
    if (this.done) {
      this.rt.race?.acquire(task.id, this.clock);
      task.result = SKIP;
      return true;
    }
    if (this.running) {
      this.waiters.push(task);
      task.waitReason = WaitReason.mutexLock;
      return false;
    }
    this.running = true;
    this.rt.recorder?.emit(this.rt.steps, task.id, 'OnceStarted', { obj: this.label }, task.site);
    task.result = RUN;
    return true;
  }

  footprint(): Footprint {
    return this.fp;
  }
}
