// unit: folding large 1-D dispatches into two dimensions within the device limit.
import { describe, expect, it } from 'vitest';
import { foldedDispatch } from './dispatch';

describe('foldedDispatch', () => {
  it.each([
    [0, [1, 1]],
    [1, [1, 1]],
    [64, [1, 1]],
    [65, [2, 1]],
    [65_535 * 64, [65_535, 1]],
  ])('keeps %i invocations in one dimension when they fit', (invocations, expected) => {
    expect(foldedDispatch(invocations, 64, 65_535)).toEqual(expected);
  });

  it.each([65_535 * 64 + 1, 4_200_000, 47_040_000, 65_535 * 65_535 * 64])('folds %i invocations into y, covering every one', (invocations) => {
    const [x, y] = foldedDispatch(invocations, 64, 65_535);
    expect(x).toBeLessThanOrEqual(65_535);
    expect(y).toBeGreaterThan(1);
    expect(x * y * 64).toBeGreaterThanOrEqual(invocations);
    expect((x * (y - 1)) * 64).toBeLessThan(invocations);
  });

  it('refuses a dispatch beyond the limit in both dimensions, and a fractional count', () => {
    expect(() => foldedDispatch(65_535 * 65_535 * 64 + 64, 64, 65_535)).toThrow(/exceed the device's dispatch limit/);
    expect(() => foldedDispatch(1.5, 64, 65_535)).toThrow(/whole number/);
  });
});
