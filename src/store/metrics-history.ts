// A bounded train-metrics history for the store: past the cap, the older half is merged pairwise (coarser, never dropped).
import type { TrainMetricsPoint } from './app-store';

/** About 80,000 steps at 8 steps a point before the oldest points get coarser. */
export const TRAIN_METRICS_CAP = 10_000;

/** Two consecutive windows as one, ending where the later ends: figures weighted by steps; samples/s is total samples over total time. */
export function mergeWindows(earlier: TrainMetricsPoint, later: TrainMetricsPoint): TrainMetricsPoint {
  const steps = earlier.steps + later.steps;
  const weighted = (a: number, b: number) => (a * earlier.steps + b * later.steps) / steps;
  const rates = earlier.samplesPerSecond > 0 && later.samplesPerSecond > 0;
  return {
    step: later.step,
    epoch: later.epoch,
    steps,
    loss: weighted(earlier.loss, later.loss),
    accuracy: weighted(earlier.accuracy, later.accuracy),
    samplesPerSecond: rates
      ? steps / (earlier.steps / earlier.samplesPerSecond + later.steps / later.samplesPerSecond)
      : weighted(earlier.samplesPerSecond, later.samplesPerSecond),
  };
}

/**
 * points with point appended, at most cap long: when full, the older half is merged in pairs
 * (so the history keeps its whole span, coarser at the old end) before appending.
 */
export function appendCapped(points: readonly TrainMetricsPoint[], point: TrainMetricsPoint, cap = TRAIN_METRICS_CAP): TrainMetricsPoint[] {
  if (points.length < Math.max(cap, 4)) return [...points, point];
  const older = Math.floor(points.length / 4) * 2; // an even count: the older half, in pairs
  const merged: TrainMetricsPoint[] = [];
  for (let i = 0; i < older; i += 2) merged.push(mergeWindows(points[i]!, points[i + 1]!));
  return [...merged, ...points.slice(older), point];
}
