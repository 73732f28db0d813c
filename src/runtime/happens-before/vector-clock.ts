/** A vector clock: task id → the count of that task's releases known. Sparse. */
export type VectorClock = Map<number, number>;
