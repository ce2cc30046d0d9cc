// What the training benchmark runs (workloads W1 and W2, which trainers, how many steps) and the data its page hands back to the runner.
import type { AdapterSummary } from '../src/engine/gpu/device';
import { isPeer, type PeerName, type SyncCadence } from './cadence';
import { epochSteps, WORKLOADS, type WorkloadName } from './workloads';

/**
 * 'ours' trains as the app does, health statistics on; 'ours, health off' without them; 'ours + insight' while the insight
 * panels ask for what they show, at their rates (INSIGHT_RATES); 'ours + step timing' while the health panel's time bars
 * sample a step every STEP_TIMING_MS.
 */
export const TRAINERS = ['ours', 'ours, health off', 'ours + insight', 'ours + step timing', 'tfjs-webgpu', 'jax-webgpu'] as const;
export type TrainerName = (typeof TRAINERS)[number];

/** The rows each workload measures: W1 with the panels' rows, W2 ours beside the peers. */
export const WORKLOAD_ROWS: Record<WorkloadName, readonly TrainerName[]> = {
  W1: TRAINERS,
  W2: ['ours', 'tfjs-webgpu', 'jax-webgpu'],
};

/** What each panel may cost, as one row's samples/s over another's (W1): at least `floor`. */
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

/** Test images a peer evaluates at once: W2's activations for all 10,000 would not fit one buffer. */
export const EVAL_CHUNK = 1000;

/** Steps of each row in a --quick run: enough to see the speeds, too few for a comparable accuracy. */
export const QUICK_STEPS: Record<WorkloadName, number> = { W1: 60, W2: 6 };

/**
 * W2's steps for each peer, which on SwiftShader takes far over 3 minutes an epoch (jax-js about 8 at 120 samples/s, tfjs
 * about 50 at 20): a fixed count instead of the epoch; ours is also tested after as many steps, so the accuracies compare.
 */
export const W2_PEER_STEPS: Record<PeerName, number> = { 'tfjs-webgpu': 6, 'jax-webgpu': 32 };

/** One row's run in the main benchmark: its steps, and the step counts after which it is tested (untimed). */
export function rowPlan(workload: WorkloadName, trainer: TrainerName, quick: boolean): { steps: number; evaluateAfter: number[] } {
  if (quick) return { steps: QUICK_STEPS[workload], evaluateAfter: [QUICK_STEPS[workload]] };
  const epoch = epochSteps(WORKLOADS[workload]);
  if (workload === 'W1') return { steps: epoch, evaluateAfter: [epoch] };
  if (isPeer(trainer)) return { steps: W2_PEER_STEPS[trainer], evaluateAfter: [W2_PEER_STEPS[trainer]] };
  return { steps: epoch, evaluateAfter: [...new Set(Object.values(W2_PEER_STEPS))].sort((a, b) => a - b).concat(epoch) };
}

/** Test accuracy after a number of steps. */
export interface StepAccuracy {
  steps: number;
  accuracy: number;
}

export interface TrainingMeasurement {
  workload: WorkloadName;
  name: TrainerName;
  /** 'vendor/architecture' of the adapter the trainer ran on. */
  adapter: string;
  /** How a peer waited for the GPU (formatCadence); none for ours. */
  cadence?: string;
  steps: number;
  /** steps × batch. */
  samples: number;
  /** Model creation (buffers, weights, optimizer state, pipelines) plus the first step, until the GPU has finished it. */
  firstStepMs: number;
  /** From just before model creation until the GPU has finished the last step, tests left out: firstStepMs plus the remaining steps. */
  totalMs: number;
  /** samples / totalMs. */
  samplesPerSec: number;
  /** Steps 2..N only: (steps − 1) × batch / (totalMs − firstStepMs). */
  steadySamplesPerSec: number;
  /** Accuracy on the 10,000 test images after each step count asked for, in order. */
  accuracies: StepAccuracy[];
  /** Bytes of the dataset tensors the trainer keeps on the GPU (train and test images and labels). */
  gpuDatasetBytes: number;
  /** What 'ours + insight' answered while it trained. */
  insight?: InsightAnswers;
}

export type TrainingOutcome = TrainingMeasurement | { workload: WorkloadName; name: TrainerName; error: string };

/** One run the page sets up, trains and tears down. */
export interface RunRequest {
  workload: WorkloadName;
  trainer: TrainerName;
  steps: number;
  /** Step counts (1..steps) after which the test set is evaluated, off the clock; none in a sweep. */
  evaluateAfter: number[];
  /** How a peer waits for the GPU, where a sweep sets it: by default PEER_CADENCES; ours ignores it. */
  cadence?: SyncCadence;
}

/** What the benchmark page exposes on `window.trainingBench` once its module has loaded. */
export interface TrainingBenchApi {
  /** Fetches MNIST from the served public/mnist/ files and describes the default adapter. */
  load(): Promise<AdapterSummary>;
  /** Sets up one trainer (device, dataset upload: untimed), trains, evaluates where asked, tears it down. */
  run(request: RunRequest): Promise<TrainingOutcome>;
}

declare global {
  interface Window {
    trainingBench?: TrainingBenchApi;
  }
}
