// Pure series helpers for the charts: keep finite points, follow rollbacks, smooth, thin, merge by position.

/** Anything plotted against the global step count. */
export interface Stepped {
  step: number;
}

/**
 * The points of the latest timeline, in step order: when training rolls back (a divergence
 * restores an earlier checkpoint), the points it replays replace the abandoned ones.
 * Points with a non-finite step are dropped.
 */
export function latestTimeline<T extends Stepped>(points: readonly T[]): T[] {
  const kept: T[] = [];
  for (const point of points) {
    if (!Number.isFinite(point.step)) continue;
    while (kept.length > 0 && kept[kept.length - 1]!.step >= point.step) kept.pop();
    kept.push(point);
  }
  return kept;
}

/** The points whose value is a finite number (NaN and ±Infinity are never plotted). */
export function finiteBy<T>(points: readonly T[], value: (point: T) => number): T[] {
  return points.filter((point) => Number.isFinite(value(point)));
}

/**
 * Exponential moving average, debiased as TensorBoard does: the average of the first few
 * points is not pulled towards zero. weight 0 returns the values; it is clamped to [0, 0.999].
 * Expects finite values (filter with finiteBy first).
 */
export function smoothEma(values: readonly number[], weight: number): number[] {
  const w = Number.isFinite(weight) ? Math.min(Math.max(weight, 0), 0.999) : 0;
  let sum = 0;
  let norm = 0; // 1 - w^n: the total weight the EMA has given to real points so far
  return values.map((value) => {
    sum = sum * w + (1 - w) * value;
    norm = norm * w + (1 - w);
    return sum / norm;
  });
}

/**
 * Which points to draw so that at most maxPoints remain: the first point, all of the newest
 * `recent` points, and for older points the minimum and the maximum of each bucket.
 *
 * Why min/max per bucket rather than every k-th point: the faint raw loss line is mostly noise,
 * and its envelope (spikes included) is what a reader looks at; every k-th point would drop
 * spikes at random and make the old part of the curve flicker as k changes. Buckets are
 * aligned to multiples of a power-of-two size, so old buckets keep the same points while
 * training adds new ones: the old part of the curve stays still and only changes when the
 * bucket size doubles.
 */
export function thinIndices(values: readonly number[], maxPoints: number, recent: number): number[] {
  const count = values.length;
  const budget = Math.max(Math.floor(maxPoints), 5);
  if (count <= budget) return values.map((_, index) => index);
  const recentCount = Math.min(Math.max(Math.floor(recent), 1), budget - 3);
  const olderCount = count - recentCount;
  const maxBuckets = Math.floor((budget - recentCount - 1) / 2); // 1 kept for the first point
  let bucketSize = 1;
  while (Math.ceil(olderCount / bucketSize) > maxBuckets) bucketSize *= 2;

  const kept = [0];
  for (let start = 0; start < olderCount; start += bucketSize) {
    const [low, high] = extremesIn(values, start, Math.min(start + bucketSize, olderCount));
    for (const index of low < high ? [low, high] : [high, low]) {
      if (index > kept[kept.length - 1]!) kept.push(index);
    }
  }
  for (let index = olderCount; index < count; index++) kept.push(index);
  return kept;
}

/** Indices of the smallest and the largest value in values[start, end). */
function extremesIn(values: readonly number[], start: number, end: number): [number, number] {
  let low = start;
  let high = start;
  for (let index = start + 1; index < end; index++) {
    if (values[index]! < values[low]!) low = index;
    if (values[index]! > values[high]!) high = index;
  }
  return [low, high];
}

/**
 * Two series sorted by `key` (step, or another position such as epoch), merged into one sorted list of chart
 * rows; a row of each at the same position becomes one row with the fields of both, b's winning (so one tooltip shows both).
 */
export function mergeSorted<K extends string, A extends Record<K, number>, B extends Record<K, number>>(a: readonly A[], b: readonly B[], key: K): Array<A | B | (A & B)> {
  const rows: Array<A | B | (A & B)> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const left = a[i];
    const right = b[j];
    if (left && (!right || left[key] < right[key])) {
      rows.push(left);
      i++;
    } else if (right && (!left || right[key] < left[key])) {
      rows.push(right);
      j++;
    } else {
      rows.push({ ...left!, ...right! });
      i++;
      j++;
    }
  }
  return rows;
}

/** Two ascending index lists as one, without repeats. */
export function unionSorted(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (merged.length === 0 || merged[merged.length - 1]! < next) merged.push(next);
  }
  return merged;
}
