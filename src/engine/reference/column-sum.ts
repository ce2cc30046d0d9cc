// Float64 reference column sum: the bias gradient db[n] = Σ_rows dY[row, n].

/** dY: [rows, cols] row-major; returns db: [cols]. */
export function columnSum(dY: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const db = new Float64Array(cols);
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) db[col]! += dY[row * cols + col]!;
  }
  return db;
}
