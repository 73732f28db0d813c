import { Arbitrary, array, nat, Stream, Value, type Random } from 'fast-check';
import { InterleaveError } from '../core.js';
import { Schedule } from './schedule.js';

export interface ScheduleConstraints {
  /**
   * The most choices a schedule holds (default 200). Past its last choice a run goes on without
   * preempting the running task, so this bounds the preemptions, not the run.
   */
  readonly maxLength?: number;
  /**
   * The largest choice (default 7), read modulo the options at its choice point: with more options
   * than maxChoice + 1, the higher ones are reached only as options come and go.
   */
  readonly maxChoice?: number;
}

/**
 * An arbitrary of schedules, to sit beside a property's inputs: fast-check shrinks it toward fewer
 * and smaller choices, that is toward fewer preemptions, and [] is the plain schedule.
 *
 * Lengths are drawn across the whole range (`size: 'max'`): at fast-check's default size, arrays
 * stay near 10 choices and tasks rarely overlap (in the repository's property suites a 3-worker
 * pool reached 3 active handlers in 0 of 200 runs, against a third of them this way).
 */
export function schedule(constraints: ScheduleConstraints = {}): Arbitrary<Schedule> {
  const maxLength = bound('maxLength', constraints.maxLength ?? 200);
  const maxChoice = bound('maxChoice', constraints.maxChoice ?? 7);
  return new ScheduleArbitrary(array(nat({ max: maxChoice }), { maxLength, size: 'max' }));
}

/**
 * Schedules over an arbitrary of choice lists: generated and shrunk as the lists are, except that
 * a schedule that has run is first shrunk to its canonical form (Schedule.canonical), which fails
 * the same way and is as small as the run allows; fast-check then shrinks on from there.
 */
class ScheduleArbitrary extends Arbitrary<Schedule> {
  constructor(private readonly lists: Arbitrary<number[]>) {
    super();
  }

  generate(mrng: Random, biasFactor: number | undefined): Value<Schedule> {
    const list = this.lists.generate(mrng, biasFactor);
    return new Value(new Schedule(list.value), list.context);
  }

  canShrinkWithoutContext(value: unknown): value is Schedule {
    return value instanceof Schedule && this.lists.canShrinkWithoutContext([...value.choices]);
  }

  shrink(value: Schedule, context: unknown): Stream<Value<Schedule>> {
    const smaller = this.lists
      .shrink([...value.choices], context)
      .map((list) => new Value(new Schedule(list.value), list.context));
    const canonical = value.canonical();
    // No context: shrinking the canonical list starts afresh, as for a value given by hand.
    return canonical === null
      ? smaller
      : Stream.of(new Value(new Schedule(canonical), undefined)).join(smaller);
  }
}

function bound(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new InterleaveError(`schedule({ ${name} }) must be an integer ≥ 0, got ${JSON.stringify(v)}`);
  }
  return v;
}
