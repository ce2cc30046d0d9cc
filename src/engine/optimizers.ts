// The optimizers the trainer offers, their hyperparameters and how much state each keeps per parameter.

export const OPTIMIZER_KINDS = ['sgd', 'momentum', 'nesterov', 'adam', 'adamw'] as const;
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

/** Values the caller may change between steps. */
export interface OptimizerHyperparameters {
  learningRate: number;
  momentum: number; // μ of momentum and nesterov
  beta1: number; // adam, adamw
  beta2: number; // adam, adamw
  epsilon: number; // adam, adamw
  /** L2 (g += wd·p) for sgd, momentum, nesterov and adam; decoupled (p ← p·(1 − lr·wd)) for adamw; 0 = none. */
  weightDecay: number;
  /** Clip by global norm: g ← g · min(1, maxGradNorm / ‖g‖₂) before the update; 0 = no clipping. */
  maxGradNorm: number;
}

/** Per-parameter state vectors: momentum/nesterov keep a velocity, adam/adamw the first and second moments. */
export const OPTIMIZER_STATE_SLOTS: Record<OptimizerKind, number> = { sgd: 0, momentum: 1, nesterov: 1, adam: 2, adamw: 2 };

/**
 * A learning-rate schedule in steps, as the optimizer kernel evaluates it before each step:
 * lr = learningRate · factor(steps completed + stepOffset) (reference: src/engine/reference/schedule.ts).
 * stepOffset, a whole number of either sign, is 0 unless the batch size changed: then it puts the schedule where the
 * run stands in steps of the new size (src/engine/train/schedule.ts).
 */
export type StepSchedule =
  | { kind: 'constant' }
  /** × factor every stepsPerDecay steps. */
  | { kind: 'step'; stepsPerDecay: number; factor: number; stepOffset: number }
  /** Half a cosine from 1 down to minFactor over totalSteps, then minFactor. */
  | { kind: 'cosine'; totalSteps: number; minFactor: number; stepOffset: number };
