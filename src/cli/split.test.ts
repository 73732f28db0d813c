import { describe, expect, it } from 'vitest';
import { SPLIT_MIN_CORES, SPLIT_MIN_RUNS, splitParts, type SplitInput } from './split.js';

const long: SplitInput = { runs: SPLIT_MIN_RUNS, budgetMs: null, checkpoint: false, workers: 2, cores: 2 };

describe('splitParts', () => {
  it('should split from SPLIT_MIN_RUNS runs, not one run before', () => {
    expect(splitParts(long)).toBe(2);
    expect(splitParts({ ...long, runs: SPLIT_MIN_RUNS - 1 })).toBe(1);
    expect(splitParts({ ...long, runs: 16_000 })).toBe(1);
    expect(splitParts({ ...long, runs: 256_000 })).toBe(2);
  });

  it("should not split when the program's own run count applies", () => {
    expect(splitParts({ ...long, runs: undefined })).toBe(1);
  });

  it('should never split on fewer than SPLIT_MIN_CORES cores, whatever --workers says', () => {
    expect(SPLIT_MIN_CORES).toBe(2);
    expect(splitParts({ ...long, cores: 1, workers: 1 })).toBe(1);
    expect(splitParts({ ...long, cores: 1, workers: 4 })).toBe(1);
    expect(splitParts({ ...long, cores: 1, workers: 256, runs: 10_000_000 })).toBe(1);
  });

  it('should split into at most one part per core', () => {
    expect(splitParts({ ...long, cores: 2, workers: 4 })).toBe(2);
    expect(splitParts({ ...long, cores: 8, workers: 4 })).toBe(4);
    expect(splitParts({ ...long, cores: 8, workers: 3 })).toBe(3);
    expect(splitParts({ ...long, cores: 64, workers: 256 })).toBe(64);
  });

  it('should not split for one worker, even on many cores', () => {
    expect(splitParts({ ...long, cores: 16, workers: 1 })).toBe(1);
  });

  it('should not split under a time budget or a checkpoint (--runs N must reproduce the check)', () => {
    expect(splitParts({ ...long, budgetMs: 30_000 })).toBe(1);
    expect(splitParts({ ...long, checkpoint: true })).toBe(1);
  });
});
