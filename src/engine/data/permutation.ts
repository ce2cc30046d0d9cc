// The seeded shuffle of training indices for each epoch (Fisher–Yates).
import { createRng } from '../random';

/** A permutation of 0..count-1 that depends only on (seed, epoch). */
export function epochPermutation(seed: number, epoch: number, count: number): Uint32Array {
  const indices = Uint32Array.from({ length: count }, (_, i) => i);
  // Mix the epoch into the seed so consecutive epochs are unrelated streams.
  const rng = createRng((seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0);
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const swap = indices[i]!;
    indices[i] = indices[j]!;
    indices[j] = swap;
  }
  return indices;
}
