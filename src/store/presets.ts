// Ready-made networks and the default training settings a new experiment starts from.
import type { ModelSpec } from '../engine/model/spec';
import type { TrainingSettings } from '../engine/train/trainer';

export const PRESETS = {
  tiny: { label: 'Tiny (784-32-10)', spec: { layers: [{ kind: 'dense', units: 32, activation: 'relu', init: 'he' }] } },
  classic: {
    label: 'Classic (784-128-64-10)',
    spec: {
      layers: [
        { kind: 'dense', units: 128, activation: 'relu', init: 'he' },
        { kind: 'dense', units: 64, activation: 'relu', init: 'he' },
      ],
    },
  },
  wide: {
    label: 'Wide (784-512-256-10, dropout)',
    spec: {
      layers: [
        { kind: 'dense', units: 512, activation: 'relu', init: 'he' },
        { kind: 'dropout', rate: 0.2 },
        { kind: 'dense', units: 256, activation: 'relu', init: 'he' },
        { kind: 'dropout', rate: 0.2 },
      ],
    },
  },
  lenet5: {
    label: 'LeNet-5 (conv 6-16, dense 120-84)',
    spec: {
      layers: [
        { kind: 'conv2d', filters: 6, kernelSize: 5, stride: 1, padding: 'same', activation: 'relu', init: 'he' },
        { kind: 'maxpool', size: 2, stride: 'size' },
        { kind: 'conv2d', filters: 16, kernelSize: 5, stride: 1, padding: 'valid', activation: 'relu', init: 'he' },
        { kind: 'maxpool', size: 2, stride: 'size' },
        { kind: 'flatten' },
        { kind: 'dense', units: 120, activation: 'relu', init: 'he' },
        { kind: 'dense', units: 84, activation: 'relu', init: 'he' },
      ],
    },
  },
  convnet: {
    label: 'ConvNet (as in the jax-js demo)',
    spec: {
      layers: [
        { kind: 'conv2d', filters: 24, kernelSize: 5, stride: 1, padding: 'valid', activation: 'relu', init: 'he' },
        { kind: 'maxpool', size: 2, stride: 'size' },
        { kind: 'conv2d', filters: 32, kernelSize: 3, stride: 1, padding: 'valid', activation: 'relu', init: 'he' },
        { kind: 'maxpool', size: 2, stride: 'size' },
        { kind: 'flatten' },
        { kind: 'dense', units: 128, activation: 'relu', init: 'he' },
      ],
    },
  },
} satisfies Record<string, { label: string; spec: ModelSpec }>;

export type PresetName = keyof typeof PRESETS;

export const DEFAULT_SETTINGS: TrainingSettings = {
  batchSize: 128,
  hyperparameters: { learningRate: 1e-3, momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0, maxGradNorm: 0 },
  schedule: { kind: 'constant' },
  epochs: 5,
};

export const DEFAULT_SEED = 1;

