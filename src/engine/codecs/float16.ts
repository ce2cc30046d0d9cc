// IEEE 754 half precision: float32 → float16 bits with round-to-nearest-even (subnormals, overflow, NaN), and back.

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);

/** The float16 bit pattern nearest to `value` (as float32), ties to even; too large → ±Infinity, NaN → a quiet NaN. */
export function toFloat16Bits(value: number): number {
  f32[0] = value;
  const bits = f32Bits[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200 | (mantissa >>> 13));
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) return sign | subnormalHalf(halfExponent, mantissa);
  // A carry out of the mantissa rounds up into the exponent (and from 65504 up to Infinity), as it should.
  return sign | roundShiftRight((halfExponent << 23) | mantissa, 13);
}

/** Magnitude bits of a float16 subnormal (or zero) for a float32 whose float16 exponent would be ≤ 0. */
function subnormalHalf(halfExponent: number, mantissa: number): number {
  if (halfExponent < -10) return 0; // below half the smallest subnormal (2⁻²⁵): rounds to zero
  // value = 1.mantissa · 2^(halfExponent − 15) = significand24 · 2^(halfExponent − 38); a subnormal counts 2⁻²⁴ units.
  return roundShiftRight(mantissa | 0x800000, 14 - halfExponent);
}

/** value / 2^shift rounded to the nearest integer, ties to even (shift 1..24). */
function roundShiftRight(value: number, shift: number): number {
  const kept = value >>> shift;
  const remainder = value & ((1 << shift) - 1);
  const halfway = 1 << (shift - 1);
  return remainder > halfway || (remainder === halfway && (kept & 1) === 1) ? kept + 1 : kept;
}

/** The value of a float16 bit pattern (exact: every float16 is a float32). */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  return sign * (1024 + mantissa) * 2 ** (exponent - 25);
}

/** Whether a float16 bit pattern is ±Infinity or NaN. */
export const isFloat16NonFinite = (bits: number): boolean => (bits & 0x7c00) === 0x7c00;
