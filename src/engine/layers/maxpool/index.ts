// The MaxPool layer kind: each output is the largest input in its size × size window, channel by channel.
import type { LayerKind } from '../kind';
import { shapeSize, windowOutput } from '../shapes';
import { maxPoolGpuForward } from './gpu';
import { maxPoolReference, type MaxPoolTape } from './reference';
import { MAXPOOL_FIELDS, maxPoolDefaults, maxPoolSchema, poolStride, poolWindow, type MaxPoolLayerSpec } from './spec';

export type { MaxPoolLayerSpec } from './spec';

const windowName = ({ size }: MaxPoolLayerSpec): string => `${size}×${size}`;

export const MAXPOOL: LayerKind<MaxPoolLayerSpec, MaxPoolTape> = {
  kind: 'maxpool',
  displayName: 'MaxPool',
  blurb: 'Keeps the largest value of each small window, channel by channel: a smaller image that still shows where patterns were.',
  fields: MAXPOOL_FIELDS,
  schema: maxPoolSchema,
  defaults: maxPoolDefaults,
  outputShape: (layer, input) => windowOutput(input, poolWindow(layer), input[2] ?? 1, `${windowName(layer)} pool`),
  name: (layer) => `MaxPool ${windowName(layer)}${poolStride(layer) === layer.size ? '' : ` /${poolStride(layer)}`}`,
  parameters: () => [],
  // Comparisons, not multiply-adds. Kept per sample: Y, the winners and dY.
  figures: (_, place) => ({ forwardFlopsPerSample: 0, trainingFlopsPerSample: 0, activationFloatsPerSample: 3 * shapeSize(place.output) }),
  torchModules: (layer) => [{ source: `nn.MaxPool2d(${layer.size}, stride=${poolStride(layer)})`, takes: 'image' }],
  reference: maxPoolReference,
  gpuForward: maxPoolGpuForward,
};
