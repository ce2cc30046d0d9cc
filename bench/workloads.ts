// The training benchmark's workloads: W1 (an MLP) and W2 (the jax-js demo's ConvNet), each a model, Adam settings and a batch.
import type { ModelSpec } from '../src/engine/model/spec';
import { W2_BATCH, W2_SPEC } from './w2';

export const WORKLOAD_NAMES = ['W1', 'W2'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export interface Workload {
  name: WorkloadName;
  /** What it trains, in a few words for the printed header. */
  title: string;
  /** The hidden layers (the fixed Dense 10 + softmax follows). */
  spec: ModelSpec;
  adam: { learningRate: number; beta1: number; beta2: number; epsilon: number };
  batch: number;
  trainImages: number;
  /** Seeds the initial weights and the epoch's shuffle, the same for every trainer. */
  seed: number;
}

/** W1's hidden layers: Dense 128 ReLU, Dense 64 ReLU (then the fixed Dense 10 + softmax), Glorot-uniform init. */
export const W1_SPEC: ModelSpec = {
  layers: [
    { kind: 'dense', units: 128, activation: 'relu', init: 'glorot' },
    { kind: 'dense', units: 64, activation: 'relu', init: 'glorot' },
  ],
};

const ADAM_DEFAULTS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

export const WORKLOADS: Record<WorkloadName, Workload> = {
  /** W1: MLP 784-128-64-10, ReLU, softmax cross-entropy, Adam 1e-3, batch 128, one shuffled epoch of MNIST. */
  W1: { name: 'W1', title: 'MLP 784-128-64-10, Adam 1e-3', spec: W1_SPEC, adam: { learningRate: 1e-3, ...ADAM_DEFAULTS }, batch: 128, trainImages: 60_000, seed: 1 },
  /** W2: the jax-js demo's ConvNet (bench/w2.ts), Adam 5e-3, batch 250, one shuffled epoch of MNIST. */
  W2: {
    name: 'W2',
    title: 'ConvNet conv5×5·24 → pool → conv3×3·32 → pool → 128 → 10, Adam 5e-3',
    spec: W2_SPEC,
    adam: { learningRate: 5e-3, ...ADAM_DEFAULTS },
    batch: W2_BATCH,
    trainImages: 60_000,
    seed: 1,
  },
};

/** Full batches in one epoch: the partial last batch is dropped, as the app's trainer does. */
export const epochSteps = (workload: Workload): number => Math.floor(workload.trainImages / workload.batch);
