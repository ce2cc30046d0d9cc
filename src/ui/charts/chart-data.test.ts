// Unit tests of the chart plots: never a non-finite value, thinned, test points at their step, axes, log scale (chosen or auto), epoch axis, summaries.
import { describe, expect, it } from 'vitest';
import type { EvaluationPoint, TrainMetricsPoint } from '../../store/app-store';
import { accuracyPlot, lossPlot, MAX_POINTS, throughputPlot, type PlotOptions } from './chart-data';

/** A train window; its epoch defaults to 16 steps an epoch. */
const window = (step: number, loss: number, accuracy = 0.5, samplesPerSecond = 1000, epoch = step / 16): TrainMetricsPoint => ({
  step,
  epoch,
  steps: 8,
  loss,
  accuracy,
  samplesPerSecond,
});
const evaluation = (epoch: number, step: number, loss: number, accuracy: number): EvaluationPoint => ({ epoch, step, loss, accuracy, confusion: new Array(100).fill(0) });
const BY_STEP: PlotOptions = { smoothing: 0, x: 'step' };
const BY_EPOCH: PlotOptions = { smoothing: 0, x: 'epoch' };

const allFinite = (rows: object[]) => rows.every((row) => Object.values(row).every((value) => value === undefined || Number.isFinite(value)));

describe('lossPlot', () => {
  it('is empty without points, with usable axes and no summary', () => {
    const plot = lossPlot([], [], { smoothing: 0.8, x: 'step' }, 'auto');
    expect(plot.rows).toEqual([]);
    expect(plot.x.domain).toEqual([0, 1]);
    expect(plot.y.domain).toEqual([0, 1]);
    expect(plot.summary).toBe('');
  });
  it('puts raw and smoothed train loss and test loss on rows by step, with epochs, axes and a summary', () => {
    const plot = lossPlot([window(8, 2), window(16, 1)], [evaluation(1, 16, 0.9, 0.7)], BY_STEP, 'auto');
    expect(plot.rows).toEqual([
      { step: 8, epoch: 0.5, raw: 2, smoothed: 2 },
      { step: 16, epoch: 1, raw: 1, smoothed: 1, test: 0.9 },
    ]);
    expect(plot.x).toEqual({ domain: [0, 16], ticks: [0, 5, 10, 15] });
    expect(plot.y).toEqual({ domain: [0, 2], ticks: [0, 0.5, 1, 1.5, 2] });
    expect(plot.log).toBe(false);
    expect(plot.summary).toBe('Latest: step 16, epoch 1, train loss 1 (smoothed 1), test loss 0.9 at step 16.');
  });
  it('never plots NaN or Infinity, and smoothing skips them', () => {
    const train = [window(8, 2), window(16, NaN), window(24, Infinity), window(32, 1), window(40, -Infinity)];
    const { rows, y } = lossPlot(train, [evaluation(1, 32, NaN, 0.5), evaluation(2, 64, 0.5, 0.6)], { smoothing: 0.5, x: 'step' }, 'auto');
    expect(allFinite(rows)).toBe(true);
    expect(rows.map((row) => row.step)).toEqual([8, 32, 64]);
    expect(rows[1]!.smoothed).toBeCloseTo((0.5 * 2 * 0.5 + 0.5 * 1) / 0.75, 12);
    expect(y.domain.every(Number.isFinite)).toBe(true);
  });
  it('thins long histories to at most MAX_POINTS train rows, keeping the first and last step', () => {
    const train = Array.from({ length: 5000 }, (_, i) => window(8 * (i + 1), 2 / (1 + i / 100) + 0.1 * Math.sin(i)));
    const { rows } = lossPlot(train, [], { smoothing: 0.9, x: 'step' }, 'linear');
    expect(rows.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(rows[0]!.step).toBe(8);
    expect(rows.at(-1)!.step).toBe(40_000);
  });
  it('keeps the train rows at test steps when thinning, so their tooltip shows both', () => {
    const train = Array.from({ length: 5000 }, (_, i) => window(8 * (i + 1), 2 / (1 + i / 100)));
    const tests = [1, 2, 3].map((epoch) => evaluation(epoch, 8 * 467 * epoch, 0.5, 0.9));
    const { rows } = lossPlot(train, tests, { smoothing: 0.9, x: 'step' }, 'linear');
    expect(rows.length).toBeLessThanOrEqual(MAX_POINTS + tests.length);
    for (const test of tests) expect(rows.find((row) => row.step === test.step)).toMatchObject({ raw: expect.any(Number), smoothed: expect.any(Number), test: 0.5 });
  });
  it('follows a rollback: replayed steps replace the abandoned ones', () => {
    const { rows } = lossPlot([window(8, 2), window(16, 50), window(24, 1e9), window(16, 1.5)], [], BY_STEP, 'auto');
    expect(rows.map((row) => [row.step, row.raw])).toEqual([[8, 2], [16, 1.5]]);
  });
  it('on a log scale leaves out values that are not positive and brackets the rest', () => {
    const plot = lossPlot([window(8, 2.3), window(16, 0), window(24, 0.07)], [evaluation(1, 24, 0.3, 0.9)], BY_STEP, 'log');
    expect(plot.log).toBe(true);
    expect(plot.rows[1]).toEqual({ step: 16, epoch: 1, raw: undefined, smoothed: undefined, test: undefined });
    expect(plot.y).toEqual({ domain: [0.05, 5], ticks: [0.05, 0.1, 0.2, 0.5, 1, 2, 5] });
    expect(lossPlot([window(8, 0)], [], BY_STEP, 'log').y.domain).toEqual([0.1, 1]);
  });
  it('turns logarithmic by itself when the loss spans more than 100×, unless the person chose', () => {
    const spike = [window(8, 2.3), window(16, 4e6), window(24, 0.5)];
    const auto = lossPlot(spike, [], BY_STEP, 'auto');
    expect(auto.log).toBe(true);
    expect(auto.y).toEqual({ domain: [0.5, 5e6], ticks: [1, 10, 100, 1000, 1e4, 1e5, 1e6] });
    expect(lossPlot(spike, [], BY_STEP, 'linear').log).toBe(false);
    expect(lossPlot([window(8, 2.3), window(16, 0.03)], [], BY_STEP, 'auto').log).toBe(false); // 77×
    expect(lossPlot([window(8, 2.3), window(16, 0.02)], [], BY_STEP, 'auto').log).toBe(true); // 115×
    expect(lossPlot([window(8, 2.3), window(16, 0)], [], BY_STEP, 'auto').log).toBe(false); // 0 has no ratio
  });
  it('on the epoch axis uses each point’s own epochs, right across a batch-size change', () => {
    // 16 steps an epoch, then the batch size halved: 32 steps an epoch.
    const train = [window(8, 2, 0.5, 1000, 0.5), window(16, 1.5, 0.5, 1000, 1), window(24, 1.2, 0.5, 1000, 1.25), window(32, 1, 0.5, 1000, 1.5)];
    const plot = lossPlot(train, [evaluation(1.5, 32, 0.9, 0.7)], BY_EPOCH, 'auto');
    expect(plot.rows.map((row) => [row.step, row.epoch])).toEqual([[8, 0.5], [16, 1], [24, 1.25], [32, 1.5]]);
    expect(plot.x).toEqual({ domain: [0, 1.5], ticks: [0, 0.5, 1, 1.5] });
    expect(plot.summary).toBe('Latest: step 32, epoch 1.5, train loss 1 (smoothed 1), test loss 0.9 at step 32.');
  });
  it('leaves rows without a finite epoch off the epoch axis', () => {
    const plot = lossPlot([window(8, 2, 0.5, 1000, NaN), window(16, 1, 0.5, 1000, 1)], [], BY_EPOCH, 'auto');
    expect(plot.rows.map((row) => row.step)).toEqual([16]);
    const byStep = lossPlot([window(8, 2, 0.5, 1000, NaN)], [], BY_STEP, 'auto');
    expect(byStep.rows.map((row) => row.step)).toEqual([8]);
    expect(byStep.summary).toBe('Latest: step 8, train loss 2 (smoothed 2).');
  });
  it('sums up test figures alone when there is no train figure yet', () => {
    expect(lossPlot([], [evaluation(1, 16, 0.21345, 0.9)], BY_STEP, 'auto').summary).toBe('Latest: test loss 0.213 at step 16.');
  });
});

describe('accuracyPlot', () => {
  it('gives train (smoothed) and test accuracy in percent, finite only, on a percent axis', () => {
    const plot = accuracyPlot([window(8, 1, 0.25), window(16, 1, NaN), window(24, 1, 0.75)], [evaluation(1.5, 24, 1, 0.9), evaluation(2, 48, 1, Infinity)], BY_STEP);
    expect(plot.rows).toEqual([
      { step: 8, epoch: 0.5, train: 25 },
      { step: 24, epoch: 1.5, train: 75, test: 90 },
    ]);
    expect(plot.y).toEqual({ domain: [0, 100], ticks: [0, 25, 50, 75, 100] });
    expect(plot.summary).toBe('Latest: step 24, epoch 1.5, train accuracy 75.00% (smoothed), test accuracy 90.00% at step 24.');
  });
  it('zooms in when accuracy is high', () => {
    expect(accuracyPlot([window(8, 1, 0.95), window(16, 1, 0.97)], [], BY_STEP).y.domain).toEqual([80, 100]);
  });
  it('puts the rows at their epochs on the epoch axis', () => {
    const plot = accuracyPlot([window(8, 1, 0.25, 1000, 0.3), window(16, 1, 0.5, 1000, 0.6)], [], BY_EPOCH);
    expect(plot.rows.map((row) => row.epoch)).toEqual([0.3, 0.6]);
    expect(plot.x.domain).toEqual([0, 0.6]);
  });
});

describe('throughputPlot', () => {
  it('gives samples per second by step, finite only, from zero', () => {
    const plot = throughputPlot([window(8, 1, 0.5, 1200), window(16, 1, 0.5, NaN), window(24, 1, 0.5, 1500)], 'step');
    expect(plot.rows).toEqual([
      { step: 8, epoch: 0.5, samplesPerSecond: 1200 },
      { step: 24, epoch: 1.5, samplesPerSecond: 1500 },
    ]);
    expect(plot.y).toEqual({ domain: [0, 1500], ticks: [0, 500, 1000, 1500] });
    expect(plot.summary).toBe('Latest: step 24, epoch 1.5, 1,500 samples/s.');
    expect(throughputPlot([window(8, 1, 0.5, 1200)], 'epoch').x.domain).toEqual([0, 0.5]);
  });
});
