// unit: the float64 MLP reference gradients (of the loss by parameter, of a logit by input pixel) agree with central finite differences.
import { describe, expect, it } from 'vitest';
import { CLASS_COUNT, PIXELS_PER_IMAGE } from '../data/mnist';
import { initialParameters, parameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import { createRng } from '../random';
import { dropoutKeepMask } from './dropout';
import { mlpForward, mlpGradients, mlpInputGradient, type MlpBatch } from './mlp';

const STEP = 1e-6;

const spec: ModelSpec = {
  layers: [
    { kind: 'dense', units: 5, activation: 'relu', init: 'he' },
    { kind: 'dropout', rate: 0.25 },
    { kind: 'dense', units: 4, activation: 'gelu', init: 'glorot' },
    { kind: 'dense', units: 3, activation: 'tanh', init: 'glorot' },
  ],
};

function tinyBatch(seed: number): MlpBatch {
  const rng = createRng(seed);
  const batch = 3;
  return {
    batch,
    x: Float64Array.from({ length: batch * PIXELS_PER_IMAGE }, () => rng.next()),
    labels: [3, 0, 9],
    dropoutKeep: { 1: dropoutKeepMask(batch * 5, 0.25, seed, 0) },
  };
}

describe('mlpGradients (float64 reference)', () => {
  const seed = 11;
  const layout = parameterLayout(spec);
  const params = Float64Array.from(initialParameters(layout, seed));
  // Non-zero biases, so bias gradients are exercised away from symmetric points.
  for (const d of layout.dense) for (let j = 0; j < d.outputs; j++) params[d.biasOffset + j] = 0.1 * (j - 1);
  const data = tinyBatch(seed);

  it('keeps every ReLU pre-activation away from the kink (so finite differences are valid)', () => {
    const first = mlpForward(spec, layout, params, data).tape[0]!;
    if (first.kind !== 'dense') throw new Error('first layer should be dense');
    const closest = first.z.reduce((min, z) => Math.min(min, Math.abs(z)), Infinity);
    expect(closest).toBeGreaterThan(1e-3);
  });

  it('matches central differences: per tensor ‖a − n‖ / (‖a‖ + ‖n‖) < 1e-6, and every element to 1e-9 + 1e-5·|n|', () => {
    const { grads } = mlpGradients(spec, layout, params, data);
    const loss = (p: Float64Array) => mlpForward(spec, layout, p, data).meanLoss;
    const numericAt = (i: number): number => {
      const plus = params.slice();
      const minus = params.slice();
      plus[i]! += STEP;
      minus[i]! -= STEP;
      return (loss(plus) - loss(minus)) / (2 * STEP);
    };
    const rng = createRng(seed);
    let checked = 0;
    for (const d of layout.dense) {
      // All weights of the small layers, 300 random ones of the 784×5 first layer; then every bias.
      const weights = d.inputs * d.outputs;
      const picks = weights > 500 ? Array.from({ length: 300 }, () => rng.int(weights)) : Array.from({ length: weights }, (_, i) => i);
      const tensors = [picks.map((i) => d.weightOffset + i), Array.from({ length: d.outputs }, (_, j) => d.biasOffset + j)];
      for (const indices of tensors) {
        let differenceSquared = 0;
        let analyticSquared = 0;
        let numericSquared = 0;
        for (const i of indices) {
          const numeric = numericAt(i);
          const analytic = grads[i]!;
          expect(Math.abs(analytic - numeric), `parameter ${i}: analytic ${analytic}, numeric ${numeric}`).toBeLessThanOrEqual(1e-9 + 1e-5 * Math.abs(numeric));
          differenceSquared += (analytic - numeric) ** 2;
          analyticSquared += analytic ** 2;
          numericSquared += numeric ** 2;
          checked++;
        }
        const relative = Math.sqrt(differenceSquared) / (Math.sqrt(analyticSquared) + Math.sqrt(numericSquared));
        expect(relative, `layer ${d.layerIndex} tensor at ${indices[0]}`).toBeLessThan(1e-6);
      }
    }
    expect(checked).toBeGreaterThan(350);
  });
});

describe('mlpInputGradient (float64 reference)', () => {
  const seed = 12;
  const layout = parameterLayout(spec);
  const params = Float64Array.from(initialParameters(layout, seed));
  const { x } = tinyBatch(seed);
  const targets = [3, 0, 9];

  it('matches central differences of each row\'s target logit, dropout off: every pixel to 1e-9 + 1e-6·|n|', () => {
    const gradient = mlpInputGradient(spec, layout, params, x, targets);
    expect(gradient).toHaveLength(targets.length * PIXELS_PER_IMAGE);
    const logit = (pixels: Float64Array, row: number) => mlpForward(spec, layout, params, { x: pixels, labels: targets, batch: targets.length }).logits[row * CLASS_COUNT + targets[row]!]!;
    let largest = 0;
    for (let i = 0; i < gradient.length; i++) {
      const row = Math.floor(i / PIXELS_PER_IMAGE);
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[i]! += STEP;
      minus[i]! -= STEP;
      const numeric = (logit(plus, row) - logit(minus, row)) / (2 * STEP);
      expect(Math.abs(gradient[i]! - numeric), `pixel ${i}: analytic ${gradient[i]}, numeric ${numeric}`).toBeLessThanOrEqual(1e-9 + 1e-6 * Math.abs(numeric));
      largest = Math.max(largest, Math.abs(numeric));
    }
    expect(largest).toBeGreaterThan(1e-3); // the check compared real slopes, not zeros
  });
});
