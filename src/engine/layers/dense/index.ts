// The Dense layer kind: Y = act(X·W + b) on the input flattened; the network's fixed output layer is one too.
import { ACTIVATION_MODULES } from '../../activations';
import { initLimit } from '../fields';
import type { LayerKind, ParameterTensor } from '../kind';
import { shapeSize } from '../shapes';
import { denseGpuForward } from './gpu';
import { denseReference, type DenseTape } from './reference';
import { DENSE_FIELDS, denseDefaults, denseSchema, type DenseLayerSpec } from './spec';

export { INITS, MAX_UNITS, type DenseLayerSpec } from './spec';

/**
 * W: [inputs, outputs] uniform in ±limit with He (√(6/fan_in)) or Glorot (√(6/(fan_in+fan_out))) limits, stored [out, in]
 * by PyTorch and quantised per output unit; b: [outputs], zero.
 */
function denseParameters(layer: DenseLayerSpec, inputs: number): ParameterTensor[] {
  const outputs = layer.units;
  const limit = initLimit(layer.init, inputs, outputs);
  return [
    { name: 'weight', shape: [inputs, outputs], init: { kind: 'uniform', limit }, torchAxes: [1, 0], int8: 'per-channel' },
    { name: 'bias', shape: [outputs], init: { kind: 'zeros' }, torchAxes: [0], int8: 'float32' },
  ];
}

export const DENSE: LayerKind<DenseLayerSpec, DenseTape> = {
  kind: 'dense',
  displayName: 'Dense',
  blurb: 'Every output unit sees every input value: a weighted sum plus a bias, through an activation.',
  fields: DENSE_FIELDS,
  schema: denseSchema,
  defaults: denseDefaults,
  // Any input shape flows: [H, W, C] is read flattened, row-major (as nn.Flatten then nn.Linear would on H×W×C data).
  outputShape: (layer) => ({ ok: true, shape: [layer.units] }),
  name: (layer, role) => (role === 'output' ? `Output ${layer.units} softmax` : `Dense ${layer.units} ${layer.activation}`),
  parameters: (layer, place) => denseParameters(layer, shapeSize(place.input)),
  figures(layer, place) {
    const forward = 2 * shapeSize(place.input) * layer.units;
    // Backward: dW = Xᵀ·dZ and dX = dZ·Wᵀ, each as costly as the forward matmul. Kept per sample: Y, Z and dY.
    return { forwardFlopsPerSample: forward, trainingFlopsPerSample: 3 * forward, activationFloatsPerSample: 3 * layer.units };
  },
  // The output layer's softmax lives in the loss (nn.CrossEntropyLoss).
  torchModules: (layer, place) => [
    { source: `nn.Linear(${shapeSize(place.input)}, ${layer.units})`, parameters: true, takes: 'flat' },
    ...(place.role === 'output' ? [] : [{ source: ACTIVATION_MODULES[layer.activation] }]),
  ],
  reference: denseReference,
  gpuForward: denseGpuForward,
  // W: [inputs, outputs], an image input flattened as it is stored, channel-major (see shapes.ts): unit u's weight from
  // pixel (y, x) of the first channel is W[y·width + x, u]. A flat input [n] has no image shape to show.
  weightImages(layer, { input }) {
    if (input.length !== 3) return undefined;
    const [height, width] = input as [number, number, number];
    return { units: layer.units, height, width, indexOf: (unit, y, x) => (y * width + x) * layer.units + unit };
  },
};

/** The fixed last layer of a classifier: Dense to one score per class, linear (softmax cross-entropy follows). */
export const classifierLayer = (classes: number): DenseLayerSpec => ({ kind: 'dense', units: classes, activation: 'linear', init: 'glorot' });
