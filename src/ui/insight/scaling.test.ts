// Unit tier: tile scaling — per tile each tile reaches ±1, shared keeps their ratios; zeros stay zeros.
import { describe, expect, it } from 'vitest';
import { maxAbs, tileScales } from './scaling';

// Three tiles of two values: small, large (negative peak), all zero.
const TILES = Float32Array.of(0.1, -0.05, 2, -4, 0, 0);

describe('maxAbs', () => {
  it('finds the largest magnitude in a range, 0 in an empty one', () => {
    expect(maxAbs(TILES)).toBe(4);
    expect(maxAbs(TILES, 0, 2)).toBeCloseTo(0.1);
    expect(maxAbs(TILES, 4, 6)).toBe(0);
    expect(maxAbs([])).toBe(0);
  });
});

describe('tileScales', () => {
  it('per tile, divides each tile by its own largest magnitude', () => {
    expect(Array.from(tileScales(TILES, 2, 'per-tile'))).toEqual([expect.closeTo(0.1), 4, 1]);
  });

  it('shared, divides every tile by the largest magnitude of all', () => {
    expect(Array.from(tileScales(TILES, 2, 'shared'))).toEqual([4, 4, 4]);
  });

  it('divides by 1 when everything is zero', () => {
    expect(Array.from(tileScales(new Float32Array(4), 2, 'shared'))).toEqual([1, 1]);
  });
});
