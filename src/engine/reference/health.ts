// Float64 reference of the training-health statistics: per-unit sums and liveness, and squared norms per flat segment.
import type { FlatSegment } from '../gpu/kernels/health';

/** Σ y and Σ y² per unit ([units, 2]) and whether some row had z > 0 ([units]), over a [rows, units] batch. */
export function unitStats(z: ArrayLike<number>, y: ArrayLike<number>, rows: number, units: number): { sums: Float64Array; alive: Uint8Array } {
  const sums = new Float64Array(2 * units);
  const alive = new Uint8Array(units);
  for (let row = 0; row < rows; row++) {
    for (let unit = 0; unit < units; unit++) {
      const value = y[row * units + unit]!;
      sums[2 * unit]! += value;
      sums[2 * unit + 1]! += value * value;
      if (z[row * units + unit]! > 0) alive[unit] = 1;
    }
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
