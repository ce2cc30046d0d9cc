// unit: the seeded generator is reproducible, seed-sensitive and roughly uniform.
import { describe, expect, it } from 'vitest';
import { createRng } from './random';

describe('createRng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const take = (seed: number) => Array.from({ length: 5 }, createRng(seed).nextU32);
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it('spreads next() evenly over [0, 1) and int(n) over 0..n-1', () => {
    const rng = createRng(7);
    const values = Array.from({ length: 100_000 }, rng.next);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[rng.int(10)]!++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});
