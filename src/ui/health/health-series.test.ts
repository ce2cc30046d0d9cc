// unit: the health series are thinned evenly with the last window kept, split by layer, and scaled linearly or by decades.
import { describe, expect, it } from 'vitest';
import type { HealthWindow } from '../../engine/health/types';
import { formatHealthFigure, layerSeries, learningRateSeries, sparkScale, thin } from './health-series';

const window = (step: number): HealthWindow => ({
  step,
  steps: 8,
  learningRate: 1e-3 / (1 + step / 100),
  layers: [
    { layer: 0, name: 'Dense 128 relu', gradientNorm: 1 / step, weightNorm: 5, updateRatio: 1e-3, activationMean: 0.3, activationStd: 0.5, deadFraction: step > 80 ? 0.2 : 0 },
    { layer: 1, name: 'Conv2D 8 3×3 valid relu', gradientNorm: 2, weightNorm: 3, updateRatio: 1e-3, activationMean: 0.2, activationStd: 0.4, deadFraction: 0.125, deadOf: 'filters' },
    { layer: 2, name: 'Output 10 softmax', gradientNorm: Number.NaN, weightNorm: 2, updateRatio: 2e-3, activationMean: 0, activationStd: 2 },
  ],
});

describe('health series', () => {
  it('thins to the limit, evenly, keeping the first and last', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const thinned = thin(items, 10);
    expect(thinned).toHaveLength(10);
    expect([thinned[0], thinned.at(-1)]).toEqual([0, 999]);
    expect(thin([1, 2, 3], 10)).toEqual([1, 2, 3]);
  });

  it('splits figures by layer, leaves out non-finite values, and gives dead fractions only where units (or a conv layer’s filters) can die', () => {
    const windows = [8, 16, 96].map(window);
    const [first, conv, output] = layerSeries(windows);
    expect(first!.gradientNorm.map(({ step }) => step)).toEqual([8, 16, 96]);
    expect(first!.deadFraction!.map(({ value }) => value)).toEqual([0, 0, 0.2]);
    expect(first!.deadOf).toBeUndefined();
    expect(conv).toMatchObject({ name: 'Conv2D 8 3×3 valid relu', deadOf: 'filters' });
    expect(conv!.deadFraction!.map(({ value }) => value)).toEqual([0.125, 0.125, 0.125]);
    expect(output!.gradientNorm).toEqual([]);
    expect(output!.deadFraction).toBeUndefined();
    expect(learningRateSeries(windows).map(({ value }) => value)).toEqual(windows.map(({ learningRate }) => learningRate));
    expect(layerSeries([])).toEqual([]);
  });

  it('scales by decades on a log scale, puts a flat line in the middle, and keeps within bounds', () => {
    const log = sparkScale([1e-4, 1e-2], true);
    expect([log.position(1e-4), log.position(1e-3), log.position(1e-2)]).toEqual([0, 0.5, 1]);
    expect(sparkScale([0.5, 0.5], false).position(0.5)).toBeCloseTo(0.5);
    expect(sparkScale([2], true, [1e-3]).position(1e-3)).toBe(0);
    // A share that stays at 0% is not shown reaching below it.
    const share = sparkScale([0, 0], false, [], [0, 1]);
    expect([share.min, share.max, share.position(0)]).toEqual([0, 0.1, 0]);
  });

  it('formats figures compactly', () => {
    expect([formatHealthFigure(0.00012), formatHealthFigure(0.0523), formatHealthFigure(123456), formatHealthFigure(0)]).toEqual(['1.2e-4', '0.0523', '1.2e5', '0']);
  });
});
