// The typed messages between the page and the training worker: commands in, events out.
import type { AdapterSummary } from '../engine/gpu/device';
import type { GpuUnavailableReason } from '../engine/gpu/errors';
import type { TrainerPosition } from '../engine/train/progress';
import type { TrainerConfig, TrainingSettings } from '../engine/train/trainer';
import type { GalleryPage, GalleryQuery, Inspection, WeightImages } from '../engine/insight/types';
import type { HealthWindow } from '../engine/health/types';
import type { KernelTimes } from '../engine/train/step-timing';

export type WorkerCommand =
  | { type: 'start'; datasetUrl: string }
  /** Builds the model; `weights` (flat, from a link or file) replace the seeded initial ones. */
  | { type: 'configure'; config: TrainerConfig; weights?: Float32Array }
  | { type: 'train' }
  | { type: 'pause' }
  | { type: 'step' }
  /** Back to step 0; what training had reached is kept until training starts again or a new model is built. */
  | { type: 'reset' }
  /** Puts back the weights, optimizer state and position from before the last reset (while the status offers it). */
  | { type: 'undo-reset' }
  /** Whether a collapsing loss pauses training and rolls it back (the default), or only warns. A NaN always pauses. */
  | { type: 'set-collapse-guard'; pause: boolean }
  /** Times each kernel of the next training step (answered by a 'kernel-times' event once that step ran). */
  | { type: 'time-kernels'; requestId: number }
  /** Whether training records per-layer health statistics with its metrics (on at start). */
  | { type: 'set-health-statistics'; on: boolean }
  | { type: 'update-settings'; settings: TrainingSettings }
  | { type: 'evaluate' }
  /** Asks for a copy of the current weights (answered by a 'weights' event with the same id). */
  | { type: 'read-weights'; requestId: number }
  /** Classifies one image, pixels [784] in [0, 1] with ink high (answered by a 'prediction' event with the same id). */
  | { type: 'predict'; requestId: number; pixels: Float32Array }
  /** One page of the test images matching `query` in the last evaluation (answered by a 'gallery' event). */
  | { type: 'gallery'; requestId: number; query: GalleryQuery; page: number }
  /** Probabilities, saliency and hidden activations for one image, pixels [784] in [0, 1] (answered by an 'inspection' event). */
  | { type: 'inspect'; requestId: number; pixels: Float32Array }
  /** The first layer's incoming weights as images (answered by a 'weight-images' event). */
  | { type: 'read-weight-images'; requestId: number };

export type TrainingStatus = 'idle' | 'ready' | 'training' | 'paused' | 'finished' | 'diverged';

/** A non-finite loss; a loss that grew far above its best; accuracy stuck at chance. */
export type DivergenceCause = 'non-finite' | 'loss-grew' | 'at-chance';

/** The last divergence of this model: remembered across resets and undos until a new model is built. */
export interface Divergence {
  cause: DivergenceCause;
  /** The last step of the metrics window that showed it. */
  step: number;
  /** The settings it trained with then (settings.hyperparameters.learningRate is the base learning rate). */
  settings: TrainingSettings;
  /** The step of the checkpoint training was rolled back to; absent when the collapse guard was off and training went on. */
  rolledBackTo?: number;
}

/** How a status changes the recorded run: `cleared` (a new model or a reset) starts it over, `restored` undoes the last reset. */
export type HistoryChange = 'cleared' | 'restored';

/** Events of the training session (the worker forwards them as they are). */
export type SessionEvent =
  /** A model was built for `config` (and it replaced the previous one); `imported` when it started from given weights. */
  | { type: 'configured'; config: TrainerConfig; imported: boolean }
  | {
      type: 'status';
      status: TrainingStatus;
      message?: string;
      position: TrainerPosition | null;
      /** The model's last divergence: in every status from then until a new model is built (compare its settings with the current ones). */
      divergedWith?: Divergence;
      history?: HistoryChange;
      /** Present while an undo-reset is possible: `step` is where it returns to. */
      undoReset?: { step: number };
    }
  /**
   * Windowed over the steps of one submit, ending at `step`; `epoch` is the epochs completed there (fractional);
   * `position` is where training stands now (a few submits further on).
   */
  | { type: 'train-metrics'; step: number; epoch: number; steps: number; loss: number; accuracy: number; samplesPerSecond: number; position: TrainerPosition }
  /** Each layer's health over the same window as the train-metrics event before it (while statistics are on). */
  | { type: 'health'; window: HealthWindow }
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
  | ({ type: 'gallery'; requestId: number } & (GalleryPage | { error: string }))
  | ({ type: 'inspection'; requestId: number } & (Inspection | { error: string }))
  | ({ type: 'weight-images'; requestId: number } & (WeightImages | { error: string }))
  /** The GPU time of each dispatch of one training step, and the step's time as training runs it. */
  | ({ type: 'kernel-times'; requestId: number } & (KernelTimes | { error: string }))
  | SessionEvent;
