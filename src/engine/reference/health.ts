// Float64 reference of the training-health statistics: per-channel sums and liveness, and squared norms per flat segment.
import type { FlatSegment } from '../gpu/kernels/health';

/**
 * Σ y, then Σ y², per channel ([2, channels]) and whether some value had a positive pre-activation z ([channels]), over
 * a [rows, channels, plane] batch (plane 1: a flat layer's units).
 */
export function channelStats(z: ArrayLike<number>, y: ArrayLike<number>, rows: number, channels: number, plane = 1): { sums: Float64Array; alive: Uint8Array } {
  const sums = new Float64Array(2 * channels);
  const alive = new Uint8Array(channels);
  for (let i = 0; i < rows * channels * plane; i++) {
    const channel = Math.floor(i / plane) % channels;
    sums[channel]! += y[i]!;
    sums[channels + channel]! += y[i]! ** 2;
    if (z[i]! > 0) alive[channel] = 1;
  }
  return { sums, alive };
}

/** [segments, 3]: Σ w², Σ g², Σ (w − w_before)² over each segment. */
export function tensorNorms(segments: readonly FlatSegment[], weights: ArrayLike<number>, gradients: ArrayLike<number>, previous: ArrayLike<number>): Float64Array {
  const norms = new Float64Array(3 * segments.length);
  segments.forEach(({ offset, length }, s) => {
    for (let i = offset; i < offset + length; i++) {
      const update = weights[i]! - previous[i]!;
      norms[3 * s]! += weights[i]! ** 2;
      norms[3 * s + 1]! += gradients[i]! ** 2;
      norms[3 * s + 2]! += update * update;
    }
  });
  return norms;
}
