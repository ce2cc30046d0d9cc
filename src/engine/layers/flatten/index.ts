// The Flatten layer kind: an image [H, W, C] as [H·W·C] values, channel-major as stored (nn.Flatten), a view with no GPU work.
import { layerDefaults, layerSchema, type LayerSpecOf } from '../fields';
import { PASS_THROUGH } from '../gradients';
import type { LayerKind } from '../kind';
import { shapeSize } from '../shapes';

/**
 * Dense reads any input flattened, so Flatten is never required: it makes the step visible, and PyTorch's nn.Flatten()
 * explicit (an export adds one before a Linear after images either way). Nothing to set.
 */
export type FlattenLayerSpec = LayerSpecOf<'flatten', []>;

/** Its tape: the values pass through, and so does their gradient. */
export interface FlattenTape {
  kind: 'flatten';
}

export const FLATTEN: LayerKind<FlattenLayerSpec, FlattenTape> = {
  kind: 'flatten',
  displayName: 'Flatten',
  blurb: 'Lays an image out as one row of values, channel after channel, for the Dense layers after it.',
  fields: [],
  schema: layerSchema('flatten', []),
  defaults: layerDefaults('flatten', []),
  outputShape: (_, input) => ({ ok: true, shape: [shapeSize(input)] }),
  name: () => 'Flatten',
  parameters: () => [],
  figures: () => ({ forwardFlopsPerSample: 0, trainingFlopsPerSample: 0, activationFloatsPerSample: 0 }),
  torchModules: () => [{ source: 'nn.Flatten()', gives: 'flat' }],
  // Y = X (the same floats) ⇒ dX = dY; no tape, so the reference network skips it backward.
  reference: { forward: (_, { x }) => ({ y: x }), backward: (_, dY) => dY },
  // The layer before's output is already this layer's, and its gradient buffer too.
  gpuForward: (_, __, { x, dX }) => ({ y: x, dY: dX, layer: Promise.resolve(PASS_THROUGH) }),
};
