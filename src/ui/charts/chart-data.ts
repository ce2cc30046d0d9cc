// What each chart draws, built from the store's metric points and the ticked runs (pure): finite values only, thinned, merged by step, with axes.
import type { EvaluationPoint, TrainMetricsPoint } from '../../store/app-store';
import type { RunRecord } from '../../store/runs/run-record';
import { accuracySummary, lossSummary, overlaySummary, throughputSummary } from './chart-summary';
import { overlaysOf, overlayValues, withOverlays, type Overlay, type OverlayFields } from './overlays';
import { formatPercent, formatSignificant } from './chart-format';
import { accuracyFloor, extent, linearScale, logScale, spansLogRange, type Scale } from './scales';
import { finiteBy, latestTimeline, mergeSorted, smoothEma, thinIndices, unionSorted } from './series';

/**
 * At most this many train rows per chart (plus the rows at test steps, so a test point's
 * tooltip shows the train figures of the same step), and this many of the newest kept unthinned.
 */
export const MAX_POINTS = 300;
export const RECENT_POINTS = 100;

/** What the x axis counts: steps, or epochs completed (each point's own, fractional). */
export type XKey = 'step' | 'epoch';

/** The loss axis: logarithmic when the values span a wide range ('auto'), or as the person chose. */
export type LossScaleChoice = 'auto' | 'linear' | 'log';

export interface PlotOptions {
  smoothing: number;
  x: XKey;
}

/** Rows sorted by step, both axes, and the latest figures in words (for screen readers). */
export interface Plot<Row> {
  rows: Row[];
  x: Scale;
  y: Scale;
  summary: string;
}

/** A plot of the live run with the ticked runs drawn over it (their values in the rows' `run0`, `run1` … fields). */
export type OverlaidPlot<Row> = Plot<Row> & { overlays: Overlay[] };

export type LossPlot = OverlaidPlot<LossRow> & { log: boolean };

/** Where a row sits on either x axis. */
export interface XPosition {
  step: number;
  epoch: number;
}

/** Loss chart row: train loss (raw and smoothed) and/or test loss at one step, and/or overlaid runs' smoothed train loss. */
export interface LossRow extends XPosition, OverlayFields {
  raw?: number;
  smoothed?: number;
  test?: number;
}

/** Accuracy chart row, in percent. */
export interface AccuracyRow extends XPosition, OverlayFields {
  train?: number;
  test?: number;
}

export interface ThroughputRow extends XPosition {
  samplesPerSecond: number;
}

/** A train series of the latest timeline with finite values: positions and values side by side. */
function trainSeries(points: readonly TrainMetricsPoint[], value: (point: TrainMetricsPoint) => number) {
  const kept = finiteBy(latestTimeline(points), value);
  return { at: kept.map(({ step, epoch }): XPosition => ({ step, epoch })), values: kept.map(value) };
}

/** Test points of the latest timeline with a finite value, as rows at their step. */
function testRows(evaluations: readonly EvaluationPoint[], value: (point: EvaluationPoint) => number) {
  return finiteBy(latestTimeline(evaluations), value).map((point) => ({ step: point.step, epoch: point.epoch, test: value(point) }));
}

/** Thinned train indices, plus those at the steps of test points. */
function keptIndices(values: readonly number[], at: readonly XPosition[], tests: ReadonlyArray<{ step: number }>): number[] {
  const testSteps = new Set(tests.map((test) => test.step));
  const atTests = at.flatMap(({ step }, index) => (testSteps.has(step) ? [index] : []));
  return unionSorted(thinIndices(values, MAX_POINTS, RECENT_POINTS), atTests);
}

/**
 * The rows that have a place on the x axis, and that axis: from 0 to the last row, ticks at
 * round values inside (whole steps; epochs may be fractional).
 */
function onXAxis<Row extends XPosition>(rows: readonly Row[], x: XKey): { rows: Row[]; x: Scale } {
  const placed = finiteBy(rows, (row) => row[x]);
  return { rows: placed, x: linearScale(0, placed.at(-1)?.[x] ?? 1, { extend: false, integer: x === 'step' }) };
}

/** The live rows with the ticked runs' curves of `value` merged in, thinned as the live train curve, and their summary. */
function overlaid<Row extends XPosition & OverlayFields>(rows: Row[], runs: readonly RunRecord[], value: (point: TrainMetricsPoint) => number, { smoothing, x }: PlotOptions, format: (value: number) => string) {
  const overlays = overlaysOf(runs);
  const merged = withOverlays(rows, runs, value, { smoothing, x, maxPoints: MAX_POINTS, recent: RECENT_POINTS });
  return { rows: merged, overlays, overlaySummary: overlaySummary(merged, overlays, x, format) };
}

/** "Latest: …" of the live run, then the overlaid runs' latest figures. */
const joinSummaries = (...parts: string[]): string => parts.filter((part) => part !== '').join(' ');

export function lossPlot(
  trainMetrics: readonly TrainMetricsPoint[],
  evaluations: readonly EvaluationPoint[],
  options: PlotOptions,
  scale: LossScaleChoice,
  runs: readonly RunRecord[] = [],
): LossPlot {
  const { at, values } = trainSeries(trainMetrics, (point) => point.loss);
  const smoothed = smoothEma(values, options.smoothing);
  const tests = testRows(evaluations, (point) => point.loss);
  const train = keptIndices(values, at, tests).map((i) => ({ ...at[i]!, raw: values[i]!, smoothed: smoothed[i]! }));
  const live: LossRow[] = mergeSorted(train, tests, 'step');
  const { rows, overlays, overlaySummary } = overlaid(live, runs, (point) => point.loss, options, formatSignificant);
  const summary = joinSummaries(lossSummary(live), overlaySummary);
  const log = scale === 'auto' ? spansLogRange(lossValues(rows, overlays)) : scale === 'log';
  if (log) return { ...logLossPlot(rows, overlays, options.x), summary, log, overlays };
  const y = linearScale(0, Math.max(extent(lossValues(rows, overlays))[1], 0), { count: 5 });
  return { ...onXAxis(rows, options.x), y, summary, log, overlays };
}

function* lossValues(rows: readonly LossRow[], overlays: readonly Overlay[]) {
  for (const row of rows) yield* [row.raw, row.smoothed, row.test, ...overlayValues(row, overlays)];
}

/** On a log scale values ≤ 0 have no place: they are left out of the rows (the lines skip them). */
function logLossPlot(rows: readonly LossRow[], overlays: readonly Overlay[], x: XKey) {
  const positive = (value: number | undefined) => (value !== undefined && value > 0 ? value : undefined);
  const positiveRow = (row: LossRow): LossRow => {
    const kept: LossRow = { ...row, raw: positive(row.raw), smoothed: positive(row.smoothed), test: positive(row.test) };
    for (const { key } of overlays) kept[key] = positive(row[key]);
    return kept;
  };
  const kept = onXAxis(rows.map(positiveRow), x);
  const [low, high] = extent(lossValues(kept.rows, overlays));
  return { ...kept, y: low <= high ? logScale(low, high) : logScale(0.1, 1) };
}

export function accuracyPlot(
  trainMetrics: readonly TrainMetricsPoint[],
  evaluations: readonly EvaluationPoint[],
  options: PlotOptions,
  runs: readonly RunRecord[] = [],
): OverlaidPlot<AccuracyRow> {
  const { at, values } = trainSeries(trainMetrics, (point) => 100 * point.accuracy);
  const smoothed = smoothEma(values, options.smoothing);
  const tests = testRows(evaluations, (point) => 100 * point.accuracy);
  // Thinned on the smoothed values: that is the line drawn, so its envelope is what to keep.
  const train = keptIndices(smoothed, at, tests).map((i) => ({ ...at[i]!, train: smoothed[i]! }));
  const live: AccuracyRow[] = mergeSorted(train, tests, 'step');
  const { rows, overlays, overlaySummary } = overlaid(live, runs, (point) => 100 * point.accuracy, options, formatPercent);
  const floor = accuracyFloor(rows.flatMap((row) => [row.train, row.test, ...overlayValues(row, overlays)].map((value) => value ?? NaN)));
  const summary = joinSummaries(accuracySummary(live), overlaySummary);
  return { ...onXAxis(rows, options.x), y: linearScale(floor, 100, { count: 4 }), summary, overlays };
}

export function throughputPlot(trainMetrics: readonly TrainMetricsPoint[], x: XKey): Plot<ThroughputRow> {
  const { at, values } = trainSeries(trainMetrics, (point) => point.samplesPerSecond);
  const rows = thinIndices(values, MAX_POINTS, RECENT_POINTS).map((i) => ({ ...at[i]!, samplesPerSecond: values[i]! }));
  return { ...onXAxis(rows, x), y: linearScale(0, Math.max(extent(values)[1], 0), { count: 4 }), summary: throughputSummary(rows) };
}
