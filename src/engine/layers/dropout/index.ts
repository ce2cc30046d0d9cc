// The Dropout layer kind: in training each value is zeroed with probability `rate` and the rest scaled by 1 / (1 − rate).
import type { LayerKind } from '../kind';
import { shapeSize } from '../shapes';
import { dropoutGpuForward } from './gpu';
import { dropoutReference, type DropoutTape } from './reference';
import { DROPOUT_FIELDS, dropoutDefaults, dropoutSchema, type DropoutLayerSpec } from './spec';

export { MAX_DROPOUT_RATE, type DropoutLayerSpec } from './spec';

export const DROPOUT: LayerKind<DropoutLayerSpec, DropoutTape> = {
  kind: 'dropout',
  displayName: 'Dropout',
  blurb: 'While training, drops a random share of its inputs each step, so no unit can lean on any one other; off in evaluation.',
  fields: DROPOUT_FIELDS,
  schema: dropoutSchema,
  defaults: dropoutDefaults,
  outputShape: (_, input) => ({ ok: true, shape: input }),
  name: (layer) => `Dropout ${layer.rate}`,
  parameters: () => [],
  // Kept per sample: Y, dY and dX, as wide as its input.
  figures: (_, place) => ({ forwardFlopsPerSample: 0, trainingFlopsPerSample: 0, activationFloatsPerSample: 3 * shapeSize(place.input) }),
  torchModules: (layer) => [{ source: `nn.Dropout(p=${layer.rate})` }],
  reference: dropoutReference,
  gpuForward: dropoutGpuForward,
};
