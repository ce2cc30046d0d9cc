// Dropout's counter-based mask rule, shared by the WGSL kernel's wrapper and the reference.

/** Chris Wellons' lowbias32 integer hash (u32 wrapping multiplies). */
export function lowbias32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Element i is kept iff its hash is ≥ this: min(floor(rate · 2³²), 2³² − 1). */
export function dropoutThreshold(rate: number): number {
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`dropout rate must be in [0, 1), got ${rate}`);
  return Math.min(Math.floor(rate * 2 ** 32), 2 ** 32 - 1);
}
