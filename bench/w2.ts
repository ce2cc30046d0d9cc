// Workload W2, the convolutional one: its model, and the convolutions the kernel benchmark times from it.
import type { ModelSpec } from '../src/engine/model/spec';

/**
 * conv 5×5, 24 filters, valid on 28×28×1 → 2×2 max pool → ReLU → conv 3×3, 32 filters, valid → 2×2 max pool → ReLU →
 * flatten 800 → Dense 128 ReLU → Dense 10, batch 250. ReLU is fused into each convolution, before its pool: the
 * same values, as max pooling commutes with a rising function.
 */
export const W2_SPEC: ModelSpec = {
  layers: [
    { kind: 'conv2d', filters: 24, kernelSize: 5, stride: 1, padding: 'valid', activation: 'relu', init: 'he' },
    { kind: 'maxpool', size: 2, stride: 'size' },
    { kind: 'conv2d', filters: 32, kernelSize: 3, stride: 1, padding: 'valid', activation: 'relu', init: 'he' },
    { kind: 'maxpool', size: 2, stride: 'size' },
    { kind: 'flatten' },
    { kind: 'dense', units: 128, activation: 'relu', init: 'he' },
  ],
};

export const W2_BATCH = 250;
