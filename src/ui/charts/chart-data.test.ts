// Unit tests of the chart plots: never a non-finite value, thinned, test points at their step, axes, log scale.
import { describe, expect, it } from 'vitest';
import type { EvaluationPoint, TrainMetricsPoint } from '../../store/app-store';
import { accuracyPlot, lossPlot, MAX_POINTS, throughputPlot } from './chart-data';

const window = (step: number, loss: number, accuracy = 0.5, samplesPerSecond = 1000): TrainMetricsPoint => ({ step, steps: 8, loss, accuracy, samplesPerSecond });
const evaluation = (epoch: number, step: number, loss: number, accuracy: number): EvaluationPoint => ({ epoch, step, loss, accuracy, confusion: new Array(100).fill(0) });

const allFinite = (rows: object[]) => rows.every((row) => Object.values(row).every((value) => value === undefined || Number.isFinite(value)));

describe('lossPlot', () => {
  it('is empty without points, with usable axes', () => {
    const plot = lossPlot([], [], 0.8, null);
    expect(plot.rows).toEqual([]);
    expect(plot.x.domain).toEqual([0, 1]);
    expect(plot.y.domain).toEqual([0, 1]);
  });
  it('puts raw and smoothed train loss and test loss on rows by step, with epochs and axes', () => {
    const plot = lossPlot([window(8, 2), window(16, 1)], [evaluation(1, 16, 0.9, 0.7)], 0, 16);
    expect(plot.rows).toEqual([
      { step: 8, epoch: 0.5, raw: 2, smoothed: 2 },
      { step: 16, epoch: 1, raw: 1, smoothed: 1, test: 0.9 },
    ]);
    expect(plot.x).toEqual({ domain: [0, 16], ticks: [0, 5, 10, 15] });
    expect(plot.y).toEqual({ domain: [0, 2], ticks: [0, 0.5, 1, 1.5, 2] });
  });
  it('never plots NaN or Infinity, and smoothing skips them', () => {
    const train = [window(8, 2), window(16, NaN), window(24, Infinity), window(32, 1), window(40, -Infinity)];
    const { rows, y } = lossPlot(train, [evaluation(1, 32, NaN, 0.5), evaluation(2, 64, 0.5, 0.6)], 0.5, 32);
    expect(allFinite(rows)).toBe(true);
    expect(rows.map((row) => row.step)).toEqual([8, 32, 64]);
    expect(rows[1]!.smoothed).toBeCloseTo((0.5 * 2 * 0.5 + 0.5 * 1) / 0.75, 12);
    expect(y.domain.every(Number.isFinite)).toBe(true);
  });
  it('thins long histories to at most MAX_POINTS train rows, keeping the first and last step', () => {
    const train = Array.from({ length: 5000 }, (_, i) => window(8 * (i + 1), 2 / (1 + i / 100) + 0.1 * Math.sin(i)));
    const { rows } = lossPlot(train, [], 0.9, null);
    expect(rows.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(rows[0]!.step).toBe(8);
    expect(rows.at(-1)!.step).toBe(40_000);
    expect(rows.every((row) => row.epoch === undefined)).toBe(true);
  });
  it('keeps the train rows at test steps when thinning, so their tooltip shows both', () => {
    const train = Array.from({ length: 5000 }, (_, i) => window(8 * (i + 1), 2 / (1 + i / 100)));
    const tests = [1, 2, 3].map((epoch) => evaluation(epoch, 8 * 467 * epoch, 0.5, 0.9));
    const { rows } = lossPlot(train, tests, 0.9, null);
    expect(rows.length).toBeLessThanOrEqual(MAX_POINTS + tests.length);
    for (const test of tests) expect(rows.find((row) => row.step === test.step)).toMatchObject({ raw: expect.any(Number), smoothed: expect.any(Number), test: 0.5 });
  });
  it('follows a rollback: replayed steps replace the abandoned ones', () => {
    const { rows } = lossPlot([window(8, 2), window(16, 50), window(24, 1e9), window(16, 1.5)], [], 0, null);
    expect(rows.map((row) => [row.step, row.raw])).toEqual([[8, 2], [16, 1.5]]);
  });
  it('on a log scale leaves out values that are not positive and brackets the rest', () => {
    const plot = lossPlot([window(8, 2.3), window(16, 0), window(24, 0.07)], [evaluation(1, 24, 0.3, 0.9)], 0, null, true);
    expect(plot.rows[1]).toEqual({ step: 16, epoch: undefined, raw: undefined, smoothed: undefined, test: undefined });
    expect(plot.y).toEqual({ domain: [0.05, 5], ticks: [0.05, 0.1, 0.2, 0.5, 1, 2, 5] });
    expect(lossPlot([window(8, 0)], [], 0, null, true).y.domain).toEqual([0.1, 1]);
  });
});

describe('accuracyPlot', () => {
  it('gives train (smoothed) and test accuracy in percent, finite only, on a percent axis', () => {
    const plot = accuracyPlot([window(8, 1, 0.25), window(16, 1, NaN), window(24, 1, 0.75)], [evaluation(1, 24, 1, 0.9), evaluation(2, 48, 1, Infinity)], 0, null);
    expect(plot.rows).toEqual([
      { step: 8, epoch: undefined, train: 25 },
      { step: 24, epoch: 1, train: 75, test: 90 },
    ]);
    expect(plot.y).toEqual({ domain: [0, 100], ticks: [0, 25, 50, 75, 100] });
  });
  it('zooms in when accuracy is high', () => {
    expect(accuracyPlot([window(8, 1, 0.95), window(16, 1, 0.97)], [], 0, null).y.domain).toEqual([80, 100]);
  });
});

describe('throughputPlot', () => {
  it('gives samples per second by step, finite only, from zero', () => {
    const plot = throughputPlot([window(8, 1, 0.5, 1200), window(16, 1, 0.5, NaN), window(24, 1, 0.5, 1500)], 8);
    expect(plot.rows).toEqual([
      { step: 8, epoch: 1, samplesPerSecond: 1200 },
      { step: 24, epoch: 3, samplesPerSecond: 1500 },
    ]);
    expect(plot.y).toEqual({ domain: [0, 1500], ticks: [0, 500, 1000, 1500] });
  });
});
