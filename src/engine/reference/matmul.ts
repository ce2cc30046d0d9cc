// Float64 reference matmul in the three layouts training uses, and |A|·|B| for rounding-error bounds.

/**
 * 'nn': C = A·B with A [m, k], B [k, n];
 * 'tn': C = Aᵀ·B with A stored [k, m] (dW = Xᵀ·dY);
 * 'nt': C = A·Bᵀ with B stored [n, k] (dX = dY·Wᵀ). Everything row-major; C is [m, n].
 */
export type MatmulLayout = 'nn' | 'tn' | 'nt';

export interface MatmulShape {
  m: number;
  k: number;
  n: number;
}

/** Σ_p term(A[i, p], B[p, j]) for every (i, j), reading A and B as stored in `layout`. */
function contract(
  layout: MatmulLayout,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  { m, k, n }: MatmulShape,
  term: (aip: number, bpj: number) => number,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const aip = layout === 'tn' ? a[p * m + i]! : a[i * k + p]!;
        const bpj = layout === 'nt' ? b[j * k + p]! : b[p * n + j]!;
        sum += term(aip, bpj);
      }
      c[i * n + j] = sum;
    }
  }
  return c;
}

/** C [m, n] = op(A)·op(B) in float64. */
export function matmul(layout: MatmulLayout, a: ArrayLike<number>, b: ArrayLike<number>, shape: MatmulShape): Float64Array {
  return contract(layout, a, b, shape, (aip, bpj) => aip * bpj);
}

/** (|A|·|B|) [m, n]: scales the rounding error of a float32 dot product element by element. */
export function matmulAbsProduct(
  layout: MatmulLayout,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  shape: MatmulShape,
): Float64Array {
  return contract(layout, a, b, shape, (aip, bpj) => Math.abs(aip * bpj));
}
