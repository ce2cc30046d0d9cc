// What `npm run bench:cnn` trains: a conv preset and its stated settings, from the command line, and the lines it prints.
import { parseArgs } from 'node:util';
import type { LrSchedule } from '../src/engine/train/schedule';
import type { TrainerConfig } from '../src/engine/train/trainer';
import { DEFAULT_SEED, DEFAULT_SETTINGS, PRESETS } from '../src/store/presets';

export const CNN_PRESETS = ['convnet', 'lenet5'] as const;
export type CnnPreset = (typeof CNN_PRESETS)[number];

export interface CnnRun {
  preset: CnnPreset;
  epochs: number;
  batch: number;
  learningRate: number;
  schedule: LrSchedule;
  /** Training images from the start of the split: all 60,000, or fewer to check the speed first. */
  trainImages: number;
  /** The final test accuracy below which the run fails, if asked. */
  expect?: number;
}

/**
 * The defaults reach 99% in 3 epochs: ConvNet, Adam 2e-3 (the app's default is 1e-3) at batch 128 with a cosine decay to
 * zero over the run, so the last epoch trains at small rates.
 */
const DEFAULTS: CnnRun = { preset: 'convnet', epochs: 3, batch: 128, learningRate: 2e-3, schedule: { kind: 'cosine', minFactor: 0 }, trainImages: 60_000 };

/** Parses `--preset convnet|lenet5 --epochs N --batch N --lr X --schedule constant|cosine --images N --expect 0.99`. */
export function parseCnnRun(args: string[]): CnnRun {
  const { values } = parseArgs({
    args,
    options: {
      preset: { type: 'string' },
      epochs: { type: 'string' },
      batch: { type: 'string' },
      lr: { type: 'string' },
      schedule: { type: 'string' },
      images: { type: 'string' },
      expect: { type: 'string' },
    },
  });
  const number = (name: keyof typeof values, fallback: number, valid: (value: number) => boolean): number => {
    if (values[name] === undefined) return fallback;
    const value = Number(values[name]);
    if (!valid(value)) throw new RangeError(`--${name} ${values[name]} is out of range`);
    return value;
  };
  const preset = values.preset ?? DEFAULTS.preset;
  if (!(CNN_PRESETS as readonly string[]).includes(preset)) throw new RangeError(`--preset must be one of ${CNN_PRESETS.join(', ')}`);
  const schedule = values.schedule ?? DEFAULTS.schedule.kind;
  if (schedule !== 'constant' && schedule !== 'cosine') throw new RangeError('--schedule must be constant or cosine');
  const expect = number('expect', Number.NaN, (value) => value > 0 && value <= 1);
  return {
    preset: preset as CnnPreset,
    epochs: number('epochs', DEFAULTS.epochs, (value) => Number.isInteger(value) && value >= 1),
    batch: number('batch', DEFAULTS.batch, (value) => Number.isInteger(value) && value >= 1),
    learningRate: number('lr', DEFAULTS.learningRate, (value) => value > 0 && value < 1),
    schedule: schedule === 'cosine' ? DEFAULTS.schedule : { kind: 'constant' },
    trainImages: number('images', DEFAULTS.trainImages, (value) => Number.isInteger(value) && value >= 1 && value <= 60_000),
    ...(Number.isNaN(expect) ? {} : { expect }),
  };
}

/** The app's Trainer configuration for the run: Adam with the app's other defaults, the preset's spec and seed. */
export function cnnTrainerConfig({ preset, epochs, batch, learningRate, schedule, trainImages }: CnnRun): TrainerConfig {
  return {
    spec: PRESETS[preset].spec,
    seed: DEFAULT_SEED,
    optimizer: 'adam',
    trainImages,
    settings: { batchSize: batch, hyperparameters: { ...DEFAULT_SETTINGS.hyperparameters, learningRate }, schedule, epochs },
  };
}

/** `ConvNet (as in the jax-js demo), Adam lr 0.002 cosine to 0, batch 128, 3 epochs of 60,000 images, seed 1`. */
export function describeCnnRun(run: CnnRun): string {
  const schedule = run.schedule.kind === 'cosine' ? ` cosine to ${run.schedule.minFactor}` : ' constant';
  return `${PRESETS[run.preset].label}, Adam lr ${run.learningRate}${schedule}, batch ${run.batch}, ${run.epochs} epochs of ${run.trainImages.toLocaleString('en-US')} images, seed ${DEFAULT_SEED}`;
}

/** `epoch 2: test accuracy 99.02% (loss 0.0301), train loss 0.0412, 512 s (117 samples/s), 1024 s in all`. */
export function formatEpoch(epoch: number, test: { accuracy: number; loss: number }, trainLoss: number, epochMs: number, samples: number, totalMs: number): string {
  const rate = samples / (epochMs / 1000);
  return `epoch ${epoch}: test accuracy ${(100 * test.accuracy).toFixed(2)}% (loss ${test.loss.toFixed(4)}), train loss ${trainLoss.toFixed(4)}, ${(epochMs / 1000).toFixed(0)} s (${rate.toFixed(0)} samples/s), ${(totalMs / 1000).toFixed(0)} s in all`;
}
