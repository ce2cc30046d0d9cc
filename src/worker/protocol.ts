// The typed messages between the page and the training worker: commands in, events out.
import type { AdapterSummary } from '../engine/gpu/device';
import type { GpuUnavailableReason } from '../engine/gpu/errors';
import type { TrainerConfig, TrainerPosition, TrainingSettings } from '../engine/train/trainer';

export type WorkerCommand =
  | { type: 'start'; datasetUrl: string }
  | { type: 'configure'; config: TrainerConfig }
  | { type: 'train' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'reset' }
  | { type: 'update-settings'; settings: TrainingSettings }
  | { type: 'evaluate' };

export type TrainingStatus = 'idle' | 'ready' | 'training' | 'paused' | 'finished' | 'diverged';

/** Events of the training session (the worker forwards them as they are). */
export type SessionEvent =
  | { type: 'status'; status: TrainingStatus; message?: string; position: TrainerPosition | null }
  /** Windowed over the steps of one submit. */
  | { type: 'train-metrics'; step: number; steps: number; loss: number; accuracy: number; samplesPerSecond: number }
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
  | { type: 'gpu-lost'; message: string }
  | { type: 'error'; message: string }
  | SessionEvent;
