// unit: float16 conversion — known bit patterns, every float16 round trip, and ties-to-even at every midpoint.
import { describe, expect, it } from 'vitest';
import { fromFloat16Bits, isFloat16NonFinite, toFloat16Bits } from './float16';

/** The float32 just above or below `value` (positive, finite, nonzero). */
function nextFloat32(value: number, direction: 1 | -1): number {
  const bits = new Uint32Array(new Float32Array([value]).buffer);
  bits[0] = bits[0]! + direction;
  return new Float32Array(bits.buffer)[0]!;
}

describe('float16', () => {
  it.each([
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [65504, 0x7bff], // largest finite
    [65519.99, 0x7bff], // just under the rounding boundary
    [65520, 0x7c00], // the tie above 65504 rounds to even: Infinity
    [1e6, 0x7c00],
    [-Infinity, 0xfc00],
    [2 ** -14, 0x0400], // smallest normal
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -25, 0x0000], // half of it: a tie, to even (zero)
    [1.5 * 2 ** -25, 0x0001],
    [2 ** -26, 0x0000],
    [-(2 ** -24), 0x8001],
    [3 * 2 ** -25, 0x0002], // tie between 1 and 2 subnormal units: to even (2)
    [1023 * 2 ** -24, 0x03ff], // largest subnormal
    [1023.5 * 2 ** -24, 0x0400], // tie: rounds up into the smallest normal
    [0.1, 0x2e66],
    [1 / 3, 0x3555],
    [1 + 2 ** -11, 0x3c00], // tie: to even (1)
    [1 + 3 * 2 ** -11, 0x3c02], // tie: to even (1 + 2⁻⁹)
    [1 + 2 ** -11 + 2 ** -20, 0x3c01],
    [2048 + 1, 0x6800], // 2049 is a tie between 2048 and 2050
  ])('%s → bits %i', (value, bits) => {
    expect(toFloat16Bits(value)).toBe(bits);
  });

  it('turns NaN into a NaN pattern and back', () => {
    const bits = toFloat16Bits(Number.NaN);
    expect(isFloat16NonFinite(bits)).toBe(true);
    expect(bits & 0x3ff).not.toBe(0);
    expect(fromFloat16Bits(bits)).toBeNaN();
    expect(fromFloat16Bits(0x7c00)).toBe(Infinity);
    expect(fromFloat16Bits(0xfc00)).toBe(-Infinity);
  });

  it('round-trips every one of the 65,536 bit patterns', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = fromFloat16Bits(bits);
      const back = toFloat16Bits(value);
      const same = Number.isNaN(value) ? isFloat16NonFinite(back) && (back & 0x3ff) !== 0 : back === bits && Math.fround(value) === value;
      if (!same) expect.fail(`0x${bits.toString(16)} came back as 0x${back.toString(16)}`);
    }
  });

  it('rounds to nearest, ties to even, at the midpoint of every pair of adjacent finite float16 values', () => {
    for (let low = 0; low < 0x7bff; low++) {
      const a = fromFloat16Bits(low);
      const b = fromFloat16Bits(low + 1);
      const middle = (a + b) / 2; // exact in float32: one more bit than float16 needs
      const even = low % 2 === 0 ? low : low + 1;
      if (toFloat16Bits(middle) !== even) expect.fail(`midpoint of 0x${low.toString(16)} rounded to 0x${toFloat16Bits(middle).toString(16)}`);
      if (toFloat16Bits(nextFloat32(middle, -1)) !== low) expect.fail(`just below the midpoint of 0x${low.toString(16)}`);
      if (toFloat16Bits(nextFloat32(middle, 1)) !== low + 1) expect.fail(`just above the midpoint of 0x${low.toString(16)}`);
      if (toFloat16Bits(-middle) !== (even | 0x8000)) expect.fail(`negative midpoint of 0x${low.toString(16)}`);
    }
  });
});
