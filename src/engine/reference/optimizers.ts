// Float64 reference optimizers over one flat parameter vector: SGD, momentum, Nesterov, Adam, AdamW, with global-norm clipping.

import { OPTIMIZER_STATE_SLOTS, type OptimizerHyperparameters, type OptimizerKind } from '../optimizers';

export interface OptimizerState {
  params: Float64Array<ArrayBuffer>; // [n]
  slots: Float64Array<ArrayBuffer>[]; // OPTIMIZER_STATE_SLOTS[kind] × [n], zero at the start
  steps: number; // steps completed
}

export function initialOptimizerState(kind: OptimizerKind, params: ArrayLike<number>): OptimizerState {
  const slots = Array.from({ length: OPTIMIZER_STATE_SLOTS[kind] }, () => new Float64Array(params.length));
  return { params: Float64Array.from(params), slots, steps: 0 };
}

/** The factor min(1, maxGradNorm / ‖g‖₂) that clipping applies to the gradient (1 without clipping). */
export function clipScale(grads: ArrayLike<number>, maxGradNorm: number): number {
  let sumSquares = 0;
  for (let i = 0; i < grads.length; i++) sumSquares += grads[i]! * grads[i]!;
  const norm = Math.sqrt(sumSquares);
  return maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / norm : 1;
}

/** One step of a kind over every parameter, given the clipped gradient's scale and t = steps completed + 1. */
type Update = (state: OptimizerState, grads: ArrayLike<number>, scale: number, hp: OptimizerHyperparameters, t: number) => void;

// p ← p − lr·(g + wd·p)
const sgdUpdate: Update = ({ params }, grads, scale, hp) => {
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    params[i] = p - hp.learningRate * (grads[i]! * scale + hp.weightDecay * p);
  }
};

// v ← μ·v + (g + wd·p); p ← p − lr·v, or with Nesterov p ← p − lr·(g + wd·p + μ·v)   (PyTorch convention)
const momentumUpdate =
  (nesterov: boolean): Update =>
  ({ params, slots: [velocity] }, grads, scale, hp) => {
    for (let i = 0; i < params.length; i++) {
      const p = params[i]!;
      const decayed = grads[i]! * scale + hp.weightDecay * p;
      const v = hp.momentum * velocity![i]! + decayed;
      velocity![i] = v;
      params[i] = p - hp.learningRate * (nesterov ? decayed + hp.momentum * v : v);
    }
  };

// m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²; p ← p − (lr / (1 − β1ᵗ))·m / (√v / √(1 − β2ᵗ) + ε)  (PyTorch)
// Adam's weight decay is L2 (g += wd·p); AdamW's is decoupled (p ← p·(1 − lr·wd) before the step).
const adamUpdate =
  (decoupled: boolean): Update =>
  ({ params, slots: [m, v] }, grads, scale, hp, t) => {
    const stepSize = hp.learningRate / (1 - hp.beta1 ** t);
    const sqrtBiasCorrection2 = Math.sqrt(1 - hp.beta2 ** t);
    for (let i = 0; i < params.length; i++) {
      const p = params[i]!;
      const g = grads[i]! * scale + (decoupled ? 0 : hp.weightDecay * p);
      const mt = hp.beta1 * m![i]! + (1 - hp.beta1) * g;
      const vt = hp.beta2 * v![i]! + (1 - hp.beta2) * g * g;
      m![i] = mt;
      v![i] = vt;
      const decayedP = decoupled ? p * (1 - hp.learningRate * hp.weightDecay) : p;
      params[i] = decayedP - (stepSize * mt) / (Math.sqrt(vt) / sqrtBiasCorrection2 + hp.epsilon);
    }
  };

const UPDATES: Record<OptimizerKind, Update> = {
  sgd: sgdUpdate,
  momentum: momentumUpdate(false),
  nesterov: momentumUpdate(true),
  adam: adamUpdate(false),
  adamw: adamUpdate(true),
};

/** One step in place: clip, then the kind's update with t = steps completed + 1. */
export function optimizerStep(
  kind: OptimizerKind,
  hp: OptimizerHyperparameters,
  state: OptimizerState,
  grads: ArrayLike<number>,
): void {
  state.steps += 1;
  UPDATES[kind](state, grads, clipScale(grads, hp.maxGradNorm), hp, state.steps);
}
