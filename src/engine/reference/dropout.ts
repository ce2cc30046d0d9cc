// Reference dropout with the counter-based mask the GPU kernel uses: same seed and step, same mask, bit for bit.

import { dropoutThreshold, lowbias32 } from '../dropout';

/** keep[i] = 1 iff lowbias32(i ^ lowbias32(step ^ lowbias32(seed))) ≥ threshold(rate); the index is the flat element index. */
export function dropoutKeepMask(length: number, rate: number, seed: number, step: number): Uint8Array<ArrayBuffer> {
  const threshold = dropoutThreshold(rate);
  const streamKey = lowbias32(step ^ lowbias32(seed));
  const keep = new Uint8Array(length);
  for (let i = 0; i < length; i++) keep[i] = lowbias32(i ^ streamKey) >= threshold ? 1 : 0;
  return keep;
}

/**
 * Forward Y = X ⊙ keep / (1 − rate); its local derivative is the same diagonal,
 * so the backward pass is the same function on dY: dX = dY ⊙ keep / (1 − rate).
 */
export function applyDropout(values: ArrayLike<number>, keep: Uint8Array, rate: number): Float64Array<ArrayBuffer> {
  const result = new Float64Array(keep.length);
  for (let i = 0; i < keep.length; i++) result[i] = keep[i] ? values[i]! / (1 - rate) : 0;
  return result;
}
