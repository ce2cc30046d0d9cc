// What each chart draws, built from the store's metric points (pure): finite values only, thinned, merged by step, with axes.
import type { EvaluationPoint, TrainMetricsPoint } from '../../store/app-store';
import { accuracyFloor, extent, linearScale, logScale, type Scale } from './scales';
import { finiteBy, latestTimeline, mergeByStep, smoothEma, thinIndices, unionSorted } from './series';

/**
 * At most this many train rows per chart (plus the rows at test steps, so a test point's
 * tooltip shows the train figures of the same step), and this many of the newest kept unthinned.
 */
export const MAX_POINTS = 300;
export const RECENT_POINTS = 100;

/** Rows sorted by step, and both axes. */
export interface Plot<Row> {
  rows: Row[];
  x: Scale;
  y: Scale;
}

/** Loss chart row: train loss (raw and smoothed) and/or test loss at one step. */
export interface LossRow {
  step: number;
  epoch?: number;
  raw?: number;
  smoothed?: number;
  test?: number;
}

/** Accuracy chart row, in percent. */
export interface AccuracyRow {
  step: number;
  epoch?: number;
  train?: number;
  test?: number;
}

export interface ThroughputRow {
  step: number;
  epoch?: number;
  samplesPerSecond: number;
}

/** The epoch a step falls in, when the steps per epoch are known (fractional, like evaluations'). */
function epochAt(step: number, stepsPerEpoch: number | null): number | undefined {
  return stepsPerEpoch && stepsPerEpoch > 0 ? step / stepsPerEpoch : undefined;
}

/** A train series of the latest timeline with finite values: steps and values side by side. */
function trainSeries(points: readonly TrainMetricsPoint[], value: (point: TrainMetricsPoint) => number) {
  const kept = finiteBy(latestTimeline(points), value);
  return { steps: kept.map((point) => point.step), values: kept.map(value) };
}

/** Test points of the latest timeline with a finite value, as rows at their step. */
function testRows(evaluations: readonly EvaluationPoint[], value: (point: EvaluationPoint) => number) {
  return finiteBy(latestTimeline(evaluations), value).map((point) => ({ step: point.step, epoch: point.epoch, test: value(point) }));
}

/** Thinned train indices, plus those at the steps of test points. */
function keptIndices(values: readonly number[], steps: readonly number[], tests: ReadonlyArray<{ step: number }>): number[] {
  const testSteps = new Set(tests.map((test) => test.step));
  const atTests = steps.flatMap((step, index) => (testSteps.has(step) ? [index] : []));
  return unionSorted(thinIndices(values, MAX_POINTS, RECENT_POINTS), atTests);
}

/** The step axis: from 0 to the last step, ticks at round steps inside. */
function stepScale(rows: ReadonlyArray<{ step: number }>): Scale {
  return linearScale(0, rows.at(-1)?.step ?? 1, { extend: false, integer: true });
}

export function lossPlot(
  trainMetrics: readonly TrainMetricsPoint[],
  evaluations: readonly EvaluationPoint[],
  smoothing: number,
  stepsPerEpoch: number | null,
  log = false,
): Plot<LossRow> {
  const { steps, values } = trainSeries(trainMetrics, (point) => point.loss);
  const smoothed = smoothEma(values, smoothing);
  const tests = testRows(evaluations, (point) => point.loss);
  const train = keptIndices(values, steps, tests).map((i) => ({
    step: steps[i]!,
    epoch: epochAt(steps[i]!, stepsPerEpoch),
    raw: values[i]!,
    smoothed: smoothed[i]!,
  }));
  const rows: LossRow[] = mergeByStep(train, tests);
  return log ? logLossPlot(rows) : { rows, x: stepScale(rows), y: linearScale(0, Math.max(extent(lossValues(rows))[1], 0), { count: 5 }) };
}

function* lossValues(rows: readonly LossRow[]) {
  for (const row of rows) yield* [row.raw, row.smoothed, row.test];
}

/** On a log scale values ≤ 0 have no place: they are left out of the rows (the lines skip them). */
function logLossPlot(rows: readonly LossRow[]): Plot<LossRow> {
  const positive = (value: number | undefined) => (value !== undefined && value > 0 ? value : undefined);
  const kept = rows.map((row) => ({ ...row, raw: positive(row.raw), smoothed: positive(row.smoothed), test: positive(row.test) }));
  const [low, high] = extent(lossValues(kept));
  return { rows: kept, x: stepScale(kept), y: low <= high ? logScale(low, high) : logScale(0.1, 1) };
}

export function accuracyPlot(
  trainMetrics: readonly TrainMetricsPoint[],
  evaluations: readonly EvaluationPoint[],
  smoothing: number,
  stepsPerEpoch: number | null,
): Plot<AccuracyRow> {
  const { steps, values } = trainSeries(trainMetrics, (point) => 100 * point.accuracy);
  const smoothed = smoothEma(values, smoothing);
  const tests = testRows(evaluations, (point) => 100 * point.accuracy);
  // Thinned on the smoothed values: that is the line drawn, so its envelope is what to keep.
  const train = keptIndices(smoothed, steps, tests).map((i) => ({
    step: steps[i]!,
    epoch: epochAt(steps[i]!, stepsPerEpoch),
    train: smoothed[i]!,
  }));
  const rows: AccuracyRow[] = mergeByStep(train, tests);
  const floor = accuracyFloor(rows.flatMap((row) => [row.train ?? NaN, row.test ?? NaN]));
  return { rows, x: stepScale(rows), y: linearScale(floor, 100, { count: 4 }) };
}

export function throughputPlot(trainMetrics: readonly TrainMetricsPoint[], stepsPerEpoch: number | null): Plot<ThroughputRow> {
  const { steps, values } = trainSeries(trainMetrics, (point) => point.samplesPerSecond);
  const rows = thinIndices(values, MAX_POINTS, RECENT_POINTS).map((i) => ({
    step: steps[i]!,
    epoch: epochAt(steps[i]!, stepsPerEpoch),
    samplesPerSecond: values[i]!,
  }));
  return { rows, x: stepScale(rows), y: linearScale(0, Math.max(extent(values)[1], 0), { count: 4 }) };
}
