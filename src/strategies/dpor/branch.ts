import type { ChoiceKind } from '../strategy.js';

/** An option explored at a choice point: its step's footprint, and whether its task could continue. */
export interface Done {
  readonly objs: readonly number[];
  /** The task was still runnable after the step (unknown, or a timer: true, conservatively). */
  readonly stays: boolean;
}

/** A choice point on the current path. */
export interface Branch {
  readonly kind: ChoiceKind;
  /** Stable ids of the options, in the order the runtime offered them. */
  readonly options: readonly string[];
  /** Index in the step log of the step this choice decides. */
  readonly step: number;
  chosen: string;
  /** Options that must be explored from here (insertion order is the order they are tried in). */
  readonly backtrack: Set<string>;
  /** Options explored from here, with the step each took. */
  readonly done: Map<string, Done>;
  /** Options asleep here: exploring them would only reorder independent steps. */
  readonly sleep: Map<string, readonly number[]>;
  /** The option that continues the previous step's task (taking another is a preemption), or null. */
  readonly continuing: string | null;
  /** Preemptions on the path before this choice point. */
  readonly preemptionsBefore: number;
}

export function independent(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) if (b.includes(x)) return false;
  return true;
}

/** Taking `option` at `b` is a preemption: a switch away from a task that could continue. */
export function preempts(b: Branch, option: string): boolean {
  return b.continuing !== null && option !== b.continuing;
}

/** Preemptions on the path up to and including taking `option` at `b`. */
export function cost(b: Branch, option: string): number {
  return b.preemptionsBefore + (preempts(b, option) ? 1 : 0);
}
