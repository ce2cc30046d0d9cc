// What a person may set on a MaxPool layer: the window's size and its stride (by default the size), and the window they make.
import { layerDefaults, layerSchema, type LayerSpecOf } from '../fields';
import type { SlidingWindow } from '../shapes';

export const POOL_STRIDES = ['size', '1', '2', '3'] as const;

export const MAXPOOL_FIELDS = [
  { key: 'size', label: 'Size', spokenLabel: 'Pool size', type: 'integer', min: 2, max: 3, default: 2 },
  { key: 'stride', label: 'Stride', spokenLabel: 'Pool stride', type: 'select', options: POOL_STRIDES, optionNames: { size: 'Same as size', '1': '1', '2': '2', '3': '3' }, default: 'size' },
] as const;

export type MaxPoolLayerSpec = LayerSpecOf<'maxpool', typeof MAXPOOL_FIELDS>;

export const maxPoolSchema = layerSchema('maxpool', MAXPOOL_FIELDS);
export const maxPoolDefaults: MaxPoolLayerSpec = layerDefaults('maxpool', MAXPOOL_FIELDS);

/** The stride the layer moves by: its size unless set (PyTorch's nn.MaxPool2d default). */
export const poolStride = ({ size, stride }: MaxPoolLayerSpec): number => (stride === 'size' ? size : Number(stride));

/** size × size, no padding: windows that would cross the edge are left out (floor mode). */
export const poolWindow = (layer: MaxPoolLayerSpec): SlidingWindow => ({ size: layer.size, stride: poolStride(layer), padBefore: 0, padAfter: 0 });
