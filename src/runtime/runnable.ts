import type { Task } from './task.js';

/*
 * The runnable set: tasks sorted by id, so a choice point lists its options in a stable order.
 * Shifts by hand, not splice: the set is short and this is the step loop's hot path.
 */

export function insertById(r: Task[], t: Task): void {
  let i = r.length;
  r.push(t);
  while (i > 0 && r[i - 1]!.id > t.id) {
    r[i] = r[i - 1]!;
    i--;
  }
  r[i] = t;
}

export function removeTask(r: Task[], t: Task): void {
  const i = r.indexOf(t);
  if (i < 0) return;
  for (let j = i + 1; j < r.length; j++) r[j - 1] = r[j]!;
  r.pop();
}
