import { hashString } from './fingerprint.js';
import { NO_FOOTPRINT, type Footprint, type Option } from '../strategies/strategy.js';
import type { SelectCase } from './events.js';

/**
 * Task states (DESIGN.md "Execution model"): announced and ready tasks are runnable; new tasks are
 * ready tasks that have not started. Numbers, not strings: the step loop reads them on every step.
 */
export const TaskState = {
  /** Spawned by `go`, not yet started. Runnable. */
  New: 0,
  /** Executing user code (or about to: its promise was resolved). */
  Running: 1,
  /** Called a blocking operation that has not been performed yet. Runnable. */
  Announced: 2,
  /** Its operation is parked in an object's wait queue. */
  Blocked: 3,
  /** Its operation completed (by a partner); its continuation has not been resumed. Runnable. */
  Ready: 4,
  Done: 5,
  /**
   * Compatibility mode only: awaiting a plain promise (not an interleave operation). Not runnable;
   * it rejoins the run when its continuation calls an operation or finishes.
   */
  Awaiting: 6,
} as const;
export type TaskStateValue = (typeof TaskState)[keyof typeof TaskState];

/** A primitive that performs announced operations. `op` codes are private to each primitive. */
export interface Performer {
  /**
   * Perform `task`'s announced operation atomically. Returns true when it completed (the primitive
   * set `task.result` or called `task.setFailure`); false when the task must block, in which case
   * the primitive has parked it in a wait queue and set `task.waitReason`.
   */
  perform(task: Task): boolean;
  footprint(task: Task): Footprint;
  /** Display name for dumps and events (`chan#3`). */
  readonly label: string;
  /** What the parked operation waits for, for reports (a select's cases). */
  describe?(task: Task): readonly SelectCase[];
}

export class Task implements Option {
  state: TaskStateValue = TaskState.New;
  /** The announced or parked operation: which primitive, its op code, its argument. */
  target: Performer | null = null;
  op = 0;
  arg: unknown = undefined;
  /** Outcome of a completed operation, delivered when the task is resumed. */
  result: unknown = undefined;
  failure: unknown = undefined;
  failed = false;
  resolve: ((value: unknown) => void) | null = null;
  reject: ((reason: unknown) => void) | null = null;
  waitReason = '';
  /** Spawn counts per child name, for stable ids (`main/worker#2`). */
  private children: Map<string, number> | null = null;
  /** Recording only: where the task was spawned, and where it last called an operation. */
  spawnSite: string | null = null;
  site: string | null = null;
  /** Name of the last operation called (for dumps: what the task was doing). */
  opName = '';
  /** Hash of the stable id, for coverage fingerprints (computed on first use). */
  private hashCache = 0;
  get hash(): number {
    return (this.hashCache ||= hashString(this.stableId) || 1);
  }
  /** Step-log only: the step that last made this task runnable again (-1: none). */
  enabler = -1;
  /** Its last performed operation was a spin (yield_, or a select's default): see Option.spinning. */
  spinning = false;
  /** Spins in a row (operations that completed without progress): 2 or more is a spinning loop. */
  spins = 0;
  /** Plain awaits of this task made switch points so far (primitives/await-point.ts). */
  awaitPointsUsed = 0;
  /**
   * The task runs a call of plain async work (scheduled(), external()): a wait of it that nothing
   * in the run can end is the outside await to name, rather than its callers' waits for it.
   */
  runsCall = false;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly parent: Task | null,
    readonly stableId: string,
    readonly fn: (() => unknown) | null,
  ) {}

  get task(): number {
    return this.id;
  }

  footprint(): Footprint {
    return this.state === TaskState.Announced && this.target ? this.target.footprint(this) : NO_FOOTPRINT;
  }

  setFailure(error: unknown): void {
    this.failed = true;
    this.failure = error;
  }

  private anonymous = 0;
  private timersCreated = 0;
  private objectsCreated = 0;
  /** A name for this task's next object that is the same in every schedule (`main/worker@chan3`). */
  objectStableId(kind: string): string {
    return `${this.stableId}@${kind}${++this.objectsCreated}`;
  }
  /** Stable id of this task's next timer (`main/worker@timer2`). */
  timerStableId(): string {
    return `${this.stableId}@timer${++this.timersCreated}`;
  }

  /** Go names closures `main.func1`, `main.func2`: so do we, per parent. */
  anonymousChildName(): string {
    return `${this.name}.func${++this.anonymous}`;
  }

  /** Stable id for this task's next child named `name`. */
  childStableId(name: string): string {
    const children = (this.children ??= new Map<string, number>());
    const n = (children.get(name) ?? 0) + 1;
    children.set(name, n);
    return n === 1 ? `${this.stableId}/${name}` : `${this.stableId}/${name}#${n}`;
  }

  /** `task 3 (worker)`, as dumps and messages name tasks. */
  get label(): string {
    return `task ${this.id} (${this.name})`;
  }
}
