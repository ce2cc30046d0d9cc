// Workload W2, the convolutional one: its model, and the convolutions the kernel benchmark times from it.
import type { ModelSpec } from '../src/engine/model/spec';
import { PRESETS } from '../src/store/presets';

/**
 * conv 5×5, 24 filters, valid on 28×28×1 → 2×2 max pool → ReLU → conv 3×3, 32 filters, valid → 2×2 max pool → ReLU →
 * flatten 800 → Dense 128 ReLU → Dense 10, batch 250: the app's ConvNet preset. ReLU is fused into each convolution,
 * before its pool: the same values, as max pooling commutes with a rising function.
 */
export const W2_SPEC: ModelSpec = PRESETS.convnet.spec;

export const W2_BATCH = 250;
