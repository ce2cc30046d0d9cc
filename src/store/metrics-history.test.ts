// Unit tests of the capped train-metrics history: bounded length, whole span kept, merged windows weighted by steps.
import { describe, expect, it } from 'vitest';
import type { TrainMetricsPoint } from './app-store';
import { appendCapped, mergeWindows } from './metrics-history';

/** A window ending at `step`, at 100 steps an epoch. */
const point = (step: number, loss = 1, accuracy = 0.5, samplesPerSecond = 1000, steps = 8): TrainMetricsPoint => ({
  step,
  epoch: step / 100,
  steps,
  loss,
  accuracy,
  samplesPerSecond,
});

describe('mergeWindows', () => {
  it('weights by steps and takes samples/s as total samples over total time', () => {
    const merged = mergeWindows(point(8, 2, 0.2, 1000, 8), point(10, 1, 0.6, 4000, 2));
    expect(merged.step).toBe(10);
    expect(merged.epoch).toBe(0.1); // the epochs completed where the later window ends
    expect(merged.steps).toBe(10);
    expect(merged.loss).toBeCloseTo(1.8, 12);
    expect(merged.accuracy).toBeCloseTo(0.28, 12);
    expect(merged.samplesPerSecond).toBeCloseTo(10 / (8 / 1000 + 2 / 4000), 9);
  });
});

describe('appendCapped', () => {
  it('appends below the cap', () => {
    expect(appendCapped([point(8)], point(16), 10)).toEqual([point(8), point(16)]);
  });
  it('stays within the cap, keeps the first and last step and step order, and loses no steps', () => {
    let points: TrainMetricsPoint[] = [];
    for (let i = 1; i <= 1000; i++) {
      points = appendCapped(points, point(8 * i), 64);
      expect(points.length).toBeLessThanOrEqual(64);
    }
    expect(points.at(-1)!.step).toBe(8000);
    expect(points.reduce((total, p) => total + p.steps, 0)).toBe(8000);
    expect(points.every((p, i) => i === 0 || p.step > points[i - 1]!.step)).toBe(true);
  });
  it('never grows past a tiny cap', () => {
    let points: TrainMetricsPoint[] = [];
    for (let i = 1; i <= 50; i++) points = appendCapped(points, point(i), 1);
    expect(points.length).toBeLessThanOrEqual(4);
  });
});
