// unit: the run comparison's curves: one per run in selection order, finite points only, on shared axes, described in words.
import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../../store/runs/test-fixtures';
import { comparisonPlot, COMPARISON_POINTS, RUN_COLOURS } from './comparison-data';

const window = (step: number, loss: number) => ({ step, epoch: step / 10, steps: 1, loss, accuracy: 0.5, samplesPerSecond: 1 });

describe('comparisonPlot', () => {
  it('draws a curve per run with its colour, leaving out non-finite points, on one y axis for all', () => {
    const a = sampleRecord({ id: 'a', name: 'A', trainMetrics: [window(1, 2), window(2, Number.NaN), window(3, 1)] });
    const b = sampleRecord({ id: 'b', name: 'B', trainMetrics: [window(1, 3), window(5, 2.5)] });
    const plot = comparisonPlot([a, b], 'loss', 'step');
    expect(plot.curves.map((curve) => [curve.id, curve.colour, curve.points.map((point) => point.step)])).toEqual([
      ['a', 0, [1, 3]],
      ['b', 1, [1, 5]],
    ]);
    expect(plot.x.domain).toEqual([0, 5]);
    expect(plot.y.domain[1]).toBeGreaterThanOrEqual(3);
    expect(plot.summary).toMatch(/^A: \d\.\d{4} at step 3\. B: \d\.\d{4} at step 5$/);
  });

  it('plots accuracy in percent by epoch, keeps long curves short, and reuses colours past the palette', () => {
    const long = sampleRecord({ trainMetrics: Array.from({ length: 1000 }, (_, i) => window(i + 1, 1)) });
    const plot = comparisonPlot(Array.from({ length: RUN_COLOURS + 1 }, () => long), 'accuracy', 'epoch');
    expect(plot.curves[0]!.points.length).toBeLessThanOrEqual(COMPARISON_POINTS);
    expect(plot.curves[0]!.points.at(-1)).toEqual({ step: 1000, epoch: 100, value: expect.closeTo(50, 9) });
    expect(plot.curves.at(-1)!.colour).toBe(0);
    expect(plot.x.domain).toEqual([0, 100]);
  });
});
