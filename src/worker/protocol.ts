// The typed messages between the page and the training worker: commands in, events out.
import type { AdapterSummary } from '../engine/gpu/device';
import type { GpuUnavailableReason } from '../engine/gpu/errors';
import type { TrainerConfig, TrainerPosition, TrainingSettings } from '../engine/train/trainer';

export type WorkerCommand =
  | { type: 'start'; datasetUrl: string }
  /** Builds the model; `weights` (flat, from a link or file) replace the seeded initial ones. */
  | { type: 'configure'; config: TrainerConfig; weights?: Float32Array }
  | { type: 'train' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset' }
  | { type: 'update-settings'; settings: TrainingSettings }
  | { type: 'evaluate' }
  /** Asks for a copy of the current weights (answered by a 'weights' event with the same id). */
  | { type: 'read-weights'; requestId: number }
  /** Classifies one image, pixels [784] in [0, 1] with ink high (answered by a 'prediction' event with the same id). */
  | { type: 'predict'; requestId: number; pixels: Float32Array };

export type TrainingStatus = 'idle' | 'ready' | 'training' | 'paused' | 'finished' | 'diverged';

/** Events of the training session (the worker forwards them as they are). */
export type SessionEvent =
  /** A model was built for `config` (and it replaced the previous one); `imported` when it started from given weights. */
  | { type: 'configured'; config: TrainerConfig; imported: boolean }
  | { type: 'status'; status: TrainingStatus; message?: string; position: TrainerPosition | null }
  /**
   * Windowed over the steps of one submit, ending at `step`; `epoch` is the epochs completed there (fractional);
   * `position` is where training stands now (a few submits further on).
   */
  | { type: 'train-metrics'; step: number; epoch: number; steps: number; loss: number; accuracy: number; samplesPerSecond: number; position: TrainerPosition }
  /** Test-set figures; `epoch` counts completed epochs (fractional for an evaluation mid-epoch). */
  | { type: 'evaluation'; epoch: number; step: number; loss: number; accuracy: number; confusion: number[] };

/** The first training images, gathered on the GPU, for the data panel. */
export interface SampleDigits {
  labels: number[];
  /** [count, 784] grey levels 0..255 from the GPU-scaled [0, 1] batch. */
  pixels: Uint8Array;
}

export interface DatasetSummary {
  trainCount: number;
  testCount: number;
  gpuBytes: number;
}

export type WorkerEvent =
  | { type: 'progress'; message: string }
  | { type: 'gpu-ready'; adapter: AdapterSummary }
  | { type: 'dataset-ready'; dataset: DatasetSummary; samples: SampleDigits }
  | { type: 'gpu-unavailable'; reason: GpuUnavailableReason; message: string }
  /** The message says whether a new device is on its way (training then resumes from the last checkpoint). */
  | { type: 'gpu-lost'; message: string }
  | { type: 'error'; message: string }
  | ({ type: 'weights'; requestId: number } & ({ weights: Float32Array } | { error: string }))
  /** The 10 class probabilities, or why there are none. */
  | ({ type: 'prediction'; requestId: number } & ({ probabilities: number[] } | { error: string }))
  | SessionEvent;
