// What the training benchmark runs (workload W1) and the data its page hands back to the runner.
import type { AdapterSummary } from '../src/engine/gpu/device';
import type { ModelSpec } from '../src/engine/model/spec';

/**
 * 'ours' trains as the app does, health statistics on; 'ours, health off' without them; 'ours + insight' while the insight
 * panels ask for what they show, at their rates (INSIGHT_RATES); 'ours + step timing' while the health panel's time bars
 * sample a step every STEP_TIMING_MS.
 */
export const TRAINERS = ['ours', 'ours, health off', 'ours + insight', 'ours + step timing', 'tfjs-webgpu', 'jax-webgpu'] as const;
export type TrainerName = (typeof TRAINERS)[number];

/** What each panel may cost, as one row's samples/s over another's: at least `floor`. */
export const PANEL_COSTS = [
  { panel: 'health statistics', row: 'ours', base: 'ours, health off', floor: 0.95 },
  { panel: 'insight views', row: 'ours + insight', base: 'ours', floor: 0.9 },
  { panel: 'step timing', row: 'ours + step timing', base: 'ours', floor: 0.9 },
] as const satisfies readonly { panel: string; row: TrainerName; base: TrainerName; floor: number }[];

/** The time bars ask for a timed step this often while open and training. */
export const STEP_TIMING_MS = 2000;

/** How often the insight panels ask while training runs: weight images twice a second, an inspection once a second. */
export const INSIGHT_RATES = { weightImagesMs: 500, inspectionMs: 1000 } as const;

/** Insight requests answered during one run: gallery pages come after each evaluation. */
export interface InsightAnswers {
  weightImages: number;
  inspections: number;
  galleryPages: number;
}

/** W1's hidden layers: Dense 128 ReLU, Dense 64 ReLU (then the fixed Dense 10 + softmax), Glorot-uniform init. */
export const W1_SPEC: ModelSpec = {
  layers: [
    { kind: 'dense', units: 128, activation: 'relu', init: 'glorot' },
    { kind: 'dense', units: 64, activation: 'relu', init: 'glorot' },
  ],
};

/** W1: MLP 784-128-64-10, ReLU, softmax cross-entropy, Adam, batch 128, one shuffled epoch of MNIST. */
export const W1 = {
  name: 'W1',
  adam: { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  batch: 128,
  trainImages: 60_000,
  /** Seeds the initial weights and the epoch's shuffle, the same for every trainer. */
  seed: 1,
} as const;

/** Full batches in one epoch: the partial last batch is dropped, as the app's trainer does. */
export const EPOCH_STEPS = Math.floor(W1.trainImages / W1.batch);

/** Steps of a --quick run: enough to see the speeds, too few for a comparable accuracy. */
export const QUICK_STEPS = 60;

export interface TrainingMeasurement {
  name: TrainerName;
  /** 'vendor/architecture' of the adapter the trainer ran on. */
  adapter: string;
  steps: number;
  /** steps × batch. */
  samples: number;
  /** Model creation (buffers, weights, optimizer state, pipelines) plus the first step, until the GPU has finished it. */
  firstStepMs: number;
  /** From just before model creation until the GPU has finished the last step: firstStepMs plus the remaining steps. */
  totalMs: number;
  /** samples / totalMs. */
  samplesPerSec: number;
  /** Steps 2..N only: (steps − 1) × batch / (totalMs − firstStepMs). */
  steadySamplesPerSec: number;
  /** Accuracy on the 10,000 test images after training. */
  testAcc: number;
  /** Bytes of the dataset tensors the trainer keeps on the GPU (train and test images and labels). */
  gpuDatasetBytes: number;
  /** What 'ours + insight' answered while it trained. */
  insight?: InsightAnswers;
}

export type TrainingOutcome = TrainingMeasurement | { name: TrainerName; error: string };

/** What the benchmark page exposes on `window.trainingBench` once its module has loaded. */
export interface TrainingBenchApi {
  /** Fetches MNIST from the served public/mnist/ files and describes the default adapter. */
  load(): Promise<AdapterSummary>;
  /** Sets up one trainer (device, dataset upload: untimed), trains `steps` steps, evaluates, tears it down. */
  run(name: TrainerName, steps: number): Promise<TrainingOutcome>;
}

declare global {
  interface Window {
    trainingBench?: TrainingBenchApi;
  }
}
