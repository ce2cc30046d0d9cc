// Unit tier: the reference optimizers against values worked out by hand for three steps, and clipping by global norm.
import { describe, expect, it } from 'vitest';
import type { OptimizerHyperparameters, OptimizerKind } from '../optimizers';
import { clipScale, initialOptimizerState, optimizerStep } from './optimizers';

const GRADIENTS = [[0.5], [-0.25], [0.5]];
const BASE: OptimizerHyperparameters = {
  learningRate: 0.1,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: 0,
  maxGradNorm: 0,
};

/** The single parameter, starting at 1, after each of three steps with GRADIENTS. */
function trajectory(kind: OptimizerKind, hp: Partial<OptimizerHyperparameters> = {}): number[] {
  const state = initialOptimizerState(kind, [1]);
  return GRADIENTS.map((grads) => {
    optimizerStep(kind, { ...BASE, ...hp }, state, grads);
    return state.params[0]!;
  });
}

function expectTrajectory(actual: number[], expected: number[]) {
  actual.forEach((value, step) => expect(value, `after step ${step + 1}`).toBeCloseTo(expected[step]!, 12));
}

describe('reference optimizers, by hand (p₀ = 1, lr = 0.1, g = 0.5, −0.25, 0.5)', () => {
  it('sgd: p ← p − lr·g', () => {
    expectTrajectory(trajectory('sgd'), [0.95, 0.975, 0.925]);
  });

  it('sgd with L2 weight decay 0.1: g ← g + 0.1·p', () => {
    // 1 − 0.1·(0.5 + 0.1) = 0.94; 0.94 − 0.1·(−0.25 + 0.094) = 0.9556; 0.9556 − 0.1·(0.5 + 0.09556) = 0.896044
    expectTrajectory(trajectory('sgd', { weightDecay: 0.1 }), [0.94, 0.9556, 0.896044]);
  });

  it('momentum 0.9: v ← 0.9·v + g, p ← p − lr·v', () => {
    // v = 0.5, 0.2, 0.68
    expectTrajectory(trajectory('momentum'), [0.95, 0.93, 0.862]);
  });

  it('nesterov 0.9: p ← p − lr·(g + 0.9·v)', () => {
    // g + 0.9·v = 0.95, −0.07, 1.112
    expectTrajectory(trajectory('nesterov'), [0.905, 0.912, 0.8008]);
  });

  it('adam: bias-corrected moments', () => {
    // t = 1: m = 0.05, v = 0.00025 → m̂ = 0.5, v̂ = 0.25 → step 0.1·0.5 / (0.5 + 1e-8) (0.316 without bias correction).
    // t = 2: m = 0.02, v = 0.00031225 → m̂ = 0.02 / 0.19, v̂ = 0.00031225 / 0.001999.
    expectTrajectory(trajectory('adam'), [0.9000000019999999, 0.8733662987078462, 0.8154182319699206]);
  });

  it('adam with L2 weight decay 0.1 adds 0.1·p to the gradient', () => {
    // t = 1: g = 0.6 → step 0.1·0.6 / (0.6 + 1e-8)
    expectTrajectory(trajectory('adam', { weightDecay: 0.1 }), [0.9000000016666666, 0.8544413674617625, 0.7849844221494346]);
  });

  it('adamw decays the parameter by (1 − lr·0.1) and leaves the gradient alone', () => {
    // t = 1: 1·0.99 − 0.1·0.5 / (0.5 + 1e-8)
    expectTrajectory(trajectory('adamw', { weightDecay: 0.1 }), [0.8900000019999998, 0.8544662986878462, 0.787973568963042]);
  });

  it('counts steps', () => {
    const state = initialOptimizerState('adam', [1, 2]);
    GRADIENTS.forEach(() => optimizerStep('adam', BASE, state, [0.1, 0.2]));
    expect(state.steps).toBe(3);
  });
});

describe('clipping by global norm', () => {
  it('scales the gradient by maxGradNorm / ‖g‖ only when the norm exceeds it', () => {
    expect(clipScale([3, 4], 1)).toBeCloseTo(0.2, 15);
    expect(clipScale([3, 4], 10)).toBe(1);
    expect(clipScale([3, 4], 0)).toBe(1);
  });

  it('applies the scale before the update', () => {
    const state = initialOptimizerState('sgd', [1, 1]);
    optimizerStep('sgd', { ...BASE, maxGradNorm: 1 }, state, [3, 4]);
    expect(state.params[0]).toBeCloseTo(1 - 0.1 * 0.6, 15);
    expect(state.params[1]).toBeCloseTo(1 - 0.1 * 0.8, 15);
  });
});
