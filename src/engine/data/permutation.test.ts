// unit: epoch permutations are true permutations, reproducible, and differ between epochs.
import { describe, expect, it } from 'vitest';
import { epochPermutation } from './permutation';

describe('epochPermutation', () => {
  it('contains every index exactly once', () => {
    const permutation = epochPermutation(5, 0, 60_000);
    expect(Array.from(permutation).sort((a, b) => a - b)).toEqual(Array.from({ length: 60_000 }, (_, i) => i));
  });

  it('depends only on seed and epoch', () => {
    expect(epochPermutation(5, 3, 100)).toEqual(epochPermutation(5, 3, 100));
    expect(epochPermutation(5, 3, 100)).not.toEqual(epochPermutation(5, 4, 100));
    expect(epochPermutation(5, 3, 100)).not.toEqual(epochPermutation(6, 3, 100));
  });

  it('handles 0 and 1 items', () => {
    expect(Array.from(epochPermutation(1, 0, 0))).toEqual([]);
    expect(Array.from(epochPermutation(1, 0, 1))).toEqual([0]);
  });
});
