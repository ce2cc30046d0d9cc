// What a person may set on a Conv2D layer (filters, kernel, stride, padding, activation, init), and the window it slides.
import { ACTIVATION_FIELD, INIT_FIELD, layerDefaults, layerSchema, type LayerSpecOf } from '../fields';
import type { SlidingWindow } from '../shapes';

export const MAX_FILTERS = 256;
export const MAX_KERNEL_SIZE = 7;
export const PADDINGS = ['valid', 'same'] as const;

export const CONV2D_FIELDS = [
  { key: 'filters', label: 'Filters', type: 'integer', min: 1, max: MAX_FILTERS, default: 16 },
  { key: 'kernelSize', label: 'Kernel', spokenLabel: 'Kernel size', type: 'integer', min: 1, max: MAX_KERNEL_SIZE, default: 3 },
  { key: 'stride', label: 'Stride', type: 'integer', min: 1, max: 2, default: 1 },
  { key: 'padding', label: 'Padding', type: 'select', options: PADDINGS, optionNames: { valid: 'Valid', same: 'Same' }, default: 'valid' },
  ACTIVATION_FIELD,
  INIT_FIELD,
] as const;

export type Conv2dLayerSpec = LayerSpecOf<'conv2d', typeof CONV2D_FIELDS>;

export const conv2dSchema = layerSchema('conv2d', CONV2D_FIELDS);
export const conv2dDefaults: Conv2dLayerSpec = layerDefaults('conv2d', CONV2D_FIELDS);

/**
 * 'valid': no padding, the kernel stays inside the image. 'same': k − 1 zeros in all on each axis, ⌊(k − 1)/2⌋ before and
 * the rest after (PyTorch's padding='same' at stride 1), so the output is ⌈size / stride⌉ on each axis.
 */
export function convWindow({ kernelSize, stride, padding }: Conv2dLayerSpec): SlidingWindow {
  const padBefore = padding === 'same' ? Math.floor((kernelSize - 1) / 2) : 0;
  const padAfter = padding === 'same' ? kernelSize - 1 - padBefore : 0;
  return { size: kernelSize, stride, padBefore, padAfter };
}
