// Seeded input matrices in each layout's storage order, and a float64 check of sampled outputs.
import type { MatmulShape } from './protocol';

/** Row-major [rows, cols] of a stored operand. */
export type StoredDims = [rows: number, cols: number];

/** A: [M, K], or [K, M] for 'tn'. B: [K, N], or [N, K] for 'nt'. */
export function storedDims({ m, k, n, layout }: MatmulShape): { a: StoredDims; b: StoredDims } {
  return {
    a: layout === 'tn' ? [k, m] : [m, k],
    b: layout === 'nt' ? [n, k] : [k, n],
  };
}

export interface MatmulInputs {
  shape: MatmulShape;
  a: Float32Array<ArrayBuffer>;
  b: Float32Array<ArrayBuffer>;
}

/** Uniform values in [-1, 1) from a 32-bit xorshift, the same on every run. */
function randomMatrix(size: number, seed: number): Float32Array<ArrayBuffer> {
  const values = new Float32Array(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    values[i] = (state >>> 0) / 2 ** 31 - 1;
  }
  return values;
}

export function makeInputs(shape: MatmulShape): MatmulInputs {
  const { a, b } = storedDims(shape);
  return { shape, a: randomMatrix(a[0] * a[1], 0x9e3779b9), b: randomMatrix(b[0] * b[1], 0x85ebca6b) };
}

/** op(A)[i, p] and op(B)[p, j] read from the stored matrices. */
function operands({ shape, a, b }: MatmulInputs): { aAt: (i: number, p: number) => number; bAt: (p: number, j: number) => number } {
  const { m, k, n, layout } = shape;
  return {
    aAt: layout === 'tn' ? (i, p) => a[p * m + i]! : (i, p) => a[i * k + p]!,
    bAt: layout === 'nt' ? (p, j) => b[j * k + p]! : (p, j) => b[p * n + j]!,
  };
}

const SAMPLES = 64;

/**
 * The largest |c - reference| / Σ|a·b| over a fixed spread of outputs, in float64.
 * Float32 accumulation stays far below MAX_RELATIVE_ERROR on these sizes; a wrong layout gives about 1.
 */
export function maxRelativeError(inputs: MatmulInputs, c: Float32Array): number {
  const { m, k, n } = inputs.shape;
  const { aAt, bAt } = operands(inputs);
  let worst = 0;
  for (let s = 0; s < SAMPLES; s++) {
    const i = (s * 7919 + 13) % m;
    const j = (s * 104729 + 7) % n;
    let sum = 0;
    let magnitude = 0;
    for (let p = 0; p < k; p++) {
      const product = aAt(i, p) * bAt(p, j);
      sum += product;
      magnitude += Math.abs(product);
    }
    worst = Math.max(worst, Math.abs(c[i * n + j]! - sum) / magnitude);
  }
  return worst;
}
