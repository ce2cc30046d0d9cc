// unit: the flat parameter layout is aligned and complete; initial values follow the seed and the init rule.
import { describe, expect, it } from 'vitest';
import { TENSOR_ALIGNMENT_FLOATS, initialParameters, parameterLayout } from './parameters';
import type { ModelSpec } from './spec';

const spec: ModelSpec = {
  layers: [
    { kind: 'dense', units: 7, activation: 'relu', init: 'he' },
    { kind: 'dropout', rate: 0.5 },
    { kind: 'dense', units: 65, activation: 'tanh', init: 'glorot' },
  ],
};

describe('parameterLayout', () => {
  it('places W [in, out] then b [out] per Dense layer, each aligned, the output layer last', () => {
    const layout = parameterLayout(spec);
    expect(layout.dense.map((d) => [d.layerIndex, d.inputs, d.outputs])).toEqual([
      [0, 784, 7],
      [2, 7, 65],
      [3, 65, 10],
    ]);
    let end = 0;
    for (const d of layout.dense) {
      expect(d.weightOffset % TENSOR_ALIGNMENT_FLOATS).toBe(0);
      expect(d.biasOffset % TENSOR_ALIGNMENT_FLOATS).toBe(0);
      expect(d.weightOffset).toBeGreaterThanOrEqual(end);
      expect(d.biasOffset).toBeGreaterThanOrEqual(d.weightOffset + d.inputs * d.outputs);
      end = d.biasOffset + d.outputs;
    }
    expect(layout.totalFloats).toBeGreaterThanOrEqual(end);
  });
});

describe('initialParameters', () => {
  const layout = parameterLayout(spec);

  it('is the same for the same seed and different for another', () => {
    expect(initialParameters(layout, 1)).toEqual(initialParameters(layout, 1));
    expect(initialParameters(layout, 1)).not.toEqual(initialParameters(layout, 2));
  });

  it('draws weights within the He or Glorot limit, filling the range, with zero biases', () => {
    const values = initialParameters(layout, 3);
    for (const d of layout.dense) {
      const limit = d.init === 'he' ? Math.sqrt(6 / d.inputs) : Math.sqrt(6 / (d.inputs + d.outputs));
      const weights = values.subarray(d.weightOffset, d.weightOffset + d.inputs * d.outputs);
      const largest = weights.reduce((max, w) => Math.max(max, Math.abs(w)), 0);
      expect(largest).toBeLessThanOrEqual(limit);
      expect(largest).toBeGreaterThan(0.9 * limit);
      expect(values.subarray(d.biasOffset, d.biasOffset + d.outputs).every((b) => b === 0)).toBe(true);
    }
  });
});
