// The interface every training implementation under test provides to the timing loop.
import type { SyncCadence } from './cadence';
import type { WorkloadData } from './training-data';
import type { InsightAnswers } from './training-protocol';

/** One implementation set up on its own device, the dataset already uploaded. */
export interface BenchTrainer {
  /** 'vendor/architecture' of its adapter. */
  readonly adapter: string;
  /** Bytes of the dataset tensors it holds on the GPU. */
  readonly gpuDatasetBytes: number;
  /** Builds the model: initial weights, optimizer state and whatever it compiles ahead of the first step. */
  createModel(): Promise<BenchModel>;
  dispose(): void;
}

/** A model being trained on its workload's shuffled batches. */
export interface BenchModel {
  /** Records and submits steps first..first+count−1; may resolve before the GPU has finished them. */
  runSteps(first: number, count: number): Promise<void>;
  /** Resolves once the GPU has finished every step submitted so far. */
  finish(): Promise<void>;
  /** Accuracy on the 10,000 test images. */
  evaluate(): Promise<number>;
  /** Insight requests answered so far, where the model answers any. */
  insightAnswers?(): InsightAnswers;
  dispose(): void;
}

/** Acquires a device and uploads the dataset (untimed) for a peer that waits for the GPU at `cadence`. */
export type PeerStarter = (data: WorkloadData, cadence: SyncCadence) => Promise<BenchTrainer>;
