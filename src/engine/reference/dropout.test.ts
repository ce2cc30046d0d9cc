// Unit tier: the dropout reference hash against known values, its keep rate, determinism and the backward rule.
import { describe, expect, it } from 'vitest';
import { dropoutThreshold, lowbias32 } from '../dropout';
import { applyDropout, dropoutKeepMask } from './dropout';

describe('dropout reference', () => {
  it('computes lowbias32 with 32-bit wrapping multiplies', () => {
    // Values from an independent implementation with arbitrary-precision integers masked to 32 bits.
    expect([0, 1, 2, 0xdeadbeef, 0xffffffff].map(lowbias32)).toEqual([0, 0x688990c0, 0xd1132181, 0xe628c683, 0x6768824a]);
  });

  it('keeps element i iff lowbias32(i ^ lowbias32(step ^ lowbias32(seed))) ≥ floor(rate·2³²)', () => {
    // seed 42, step 3: stream key 0xa9f36593, hashes 0xd5012a86, 0xaf827d29, 0x1a2bca03, 0x9cf43c01; threshold 0x80000000.
    expect([...dropoutKeepMask(4, 0.5, 42, 3)]).toEqual([1, 1, 0, 1]);
  });

  it.each([0.1, 0.5, 0.9])('keeps about 1 − %d of 1e5 elements', (rate) => {
    const kept = dropoutKeepMask(100_000, rate, 1234, 0).reduce((sum, keep) => sum + keep, 0);
    const sigma = Math.sqrt(rate * (1 - rate) * 100_000);
    expect(Math.abs(kept - (1 - rate) * 100_000)).toBeLessThan(5 * sigma);
  });

  it('keeps everything at rate 0 and clamps the threshold below 2³²', () => {
    expect(dropoutKeepMask(1000, 0, 9, 9).every((keep) => keep === 1)).toBe(true);
    expect(dropoutThreshold(1 - 2 ** -40)).toBe(2 ** 32 - 1);
    expect(() => dropoutThreshold(1)).toThrow(RangeError);
  });

  it('gives the same mask for the same seed and step, a different one otherwise', () => {
    const mask = dropoutKeepMask(1000, 0.5, 77, 5);
    expect(dropoutKeepMask(1000, 0.5, 77, 5)).toEqual(mask);
    expect(dropoutKeepMask(1000, 0.5, 77, 6)).not.toEqual(mask);
    expect(dropoutKeepMask(1000, 0.5, 78, 5)).not.toEqual(mask);
  });

  it('scales kept values by 1 / (1 − rate) and zeroes dropped ones, forward and backward alike', () => {
    const keep = Uint8Array.from([1, 0, 1]);
    expect([...applyDropout([2, 3, -4], keep, 0.5)]).toEqual([4, 0, -8]);
  });
});
