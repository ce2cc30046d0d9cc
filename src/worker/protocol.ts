// The typed messages between the page and the training worker: commands in, events out.
import type { AdapterSummary } from '../engine/gpu/device';
import type { GpuUnavailableReason } from '../engine/gpu/errors';

export type WorkerCommand = { type: 'start'; datasetUrl: string };

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
  | { type: 'error'; message: string };
