import { describe, expect, it } from 'vitest';
import { insertById, removeTask } from './runnable.js';
import type { Task } from './task.js';

/* The runnable set's contract: always sorted by task id, whatever the order of insertions and removals. */

const task = (id: number): Task => ({ id }) as Task;
const ids = (r: Task[]): number[] => r.map((t) => t.id);

describe('the runnable set', () => {
  it('should keep tasks sorted by id whatever the order they become runnable in', () => {
    const r: Task[] = [];
    for (const id of [5, 2, 9, 1, 7, 3]) insertById(r, task(id));
    expect(ids(r)).toEqual([1, 2, 3, 5, 7, 9]);
  });

  it('should remove a task from anywhere, keeping the order, and ignore one it does not hold', () => {
    const tasks = [1, 2, 3, 4].map(task);
    const r: Task[] = [];
    for (const t of tasks) insertById(r, t);
    removeTask(r, tasks[1]!);
    removeTask(r, tasks[3]!);
    expect(ids(r)).toEqual([1, 3]);
    removeTask(r, task(3)); // another object with the same id is not in the set
    removeTask(r, tasks[1]!);
    expect(ids(r)).toEqual([1, 3]);
    insertById(r, tasks[1]!);
    expect(ids(r)).toEqual([1, 2, 3]);
  });
});
