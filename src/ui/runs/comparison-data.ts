// What the run comparison draws (pure): one smoothed, thinned train curve per selected run, on shared axes, with a summary in words.
import type { RunRecord } from '../../store/runs/run-record';
import type { XKey, XPosition } from '../charts/chart-data';
import { accuracyFloor, extent, linearScale, type Scale } from '../charts/scales';
import { finiteBy, latestTimeline, smoothEma, thinIndices } from '../charts/series';

/** Light smoothing: the curves are compared by shape, and the raw windows are too noisy to tell apart. */
export const COMPARISON_SMOOTHING = 0.6;
/** Points kept per curve (a few runs side by side draw fast). */
export const COMPARISON_POINTS = 200;
/** Distinct line colours (runs-colour-0 … in runs.css); further runs reuse them in order. */
export const RUN_COLOURS = 6;

export type ComparedMetric = 'loss' | 'accuracy';

export interface RunCurve {
  id: string;
  name: string;
  colour: number;
  points: Array<XPosition & { value: number }>;
}

export interface ComparisonPlot {
  curves: RunCurve[];
  x: Scale;
  y: Scale;
  summary: string;
}

const metricValue = (metric: ComparedMetric) => (point: RunRecord['trainMetrics'][number]) => (metric === 'loss' ? point.loss : 100 * point.accuracy);

function runCurve(run: RunRecord, index: number, metric: ComparedMetric): RunCurve {
  const kept = finiteBy(latestTimeline(run.trainMetrics), metricValue(metric));
  const smoothed = smoothEma(kept.map(metricValue(metric)), COMPARISON_SMOOTHING);
  const points = thinIndices(smoothed, COMPARISON_POINTS, COMPARISON_POINTS / 4).map((i) => ({ step: kept[i]!.step, epoch: kept[i]!.epoch, value: smoothed[i]! }));
  return { id: run.id, name: run.name, colour: index % RUN_COLOURS, points };
}

const formatValue = (metric: ComparedMetric, value: number) => (metric === 'loss' ? value.toFixed(4) : `${value.toFixed(2)}%`);

/** The runs' train curves of `metric` (loss, or accuracy in percent) by `x`. */
export function comparisonPlot(runs: readonly RunRecord[], metric: ComparedMetric, x: XKey): ComparisonPlot {
  const curves = runs.map((run, index) => runCurve(run, index, metric));
  const values = curves.flatMap((curve) => curve.points.map((point) => point.value));
  const lastX = Math.max(0, ...curves.map((curve) => curve.points.at(-1)?.[x] ?? 0));
  const y = metric === 'loss' ? linearScale(0, Math.max(extent(values)[1], 0), { count: 4 }) : linearScale(accuracyFloor(values), 100, { count: 4 });
  const summary = curves
    .map((curve) => {
      const last = curve.points.at(-1);
      return last ? `${curve.name}: ${formatValue(metric, last.value)} at ${x} ${Number(last[x].toFixed(2))}` : `${curve.name}: nothing logged`;
    })
    .join('. ');
  return { curves, x: linearScale(0, lastX || 1, { extend: false, integer: x === 'step' }), y, summary };
}
