// The Conv2D layer kind: Y = act(conv(X, W) + b) on channel-major images, each filter a k×k window over every input channel.
import { ACTIVATION_MODULES } from '../../activations';
import { initLimit } from '../fields';
import type { LayerKind, LayerPlace, ParameterTensor, TorchModuleSource } from '../kind';
import { imageOf, shapeSize, windowOutput } from '../shapes';
import { conv2dGpuForward } from './gpu';
import { conv2dReference, type Conv2dTape } from './reference';
import { CONV2D_FIELDS, conv2dDefaults, conv2dSchema, convWindow, type Conv2dLayerSpec } from './spec';

export { MAX_FILTERS, MAX_KERNEL_SIZE, type Conv2dLayerSpec } from './spec';

/**
 * W: [C, k, k, F], row (c·k + ky)·k + kx of the [C·k·k, F] matrix the kernels multiply by; PyTorch's [F, C, k, k] is it
 * with its axes moved, and int8 links quantise it per filter (its last axis). Uniform in ±limit with fan_in = C·k·k and
 * fan_out = F·k·k (PyTorch's fans for a convolution). b: [F], zero.
 */
function convParameters(layer: Conv2dLayerSpec, place: LayerPlace): ParameterTensor[] {
  const { filters, kernelSize } = layer;
  const taps = kernelSize * kernelSize;
  const limit = initLimit(layer.init, imageOf(place.input)!.channels * taps, filters * taps);
  return [
    { name: 'weight', shape: [imageOf(place.input)!.channels, kernelSize, kernelSize, filters], init: { kind: 'uniform', limit }, torchAxes: [3, 0, 1, 2], int8: 'per-channel' },
    { name: 'bias', shape: [filters], init: { kind: 'zeros' }, torchAxes: [0], int8: 'float32' },
  ];
}

/** nn.Conv2d on an image; 'same' with an even kernel pads one more after than before, which nn.ZeroPad2d does first. */
function convModules(layer: Conv2dLayerSpec, place: LayerPlace): TorchModuleSource[] {
  const { padBefore, padAfter, stride } = convWindow(layer);
  const conv = (padding: number) => `nn.Conv2d(${imageOf(place.input)!.channels}, ${layer.filters}, ${layer.kernelSize}, stride=${stride}, padding=${padding})`;
  const modules: TorchModuleSource[] =
    padBefore === padAfter
      ? [{ source: conv(padBefore), parameters: true, takes: 'image' }]
      : [
          { source: `nn.ZeroPad2d((${padBefore}, ${padAfter}, ${padBefore}, ${padAfter}))`, takes: 'image' },
          { source: conv(0), parameters: true, takes: 'image' },
        ];
  return [...modules, { source: ACTIVATION_MODULES[layer.activation] }];
}

export const CONV2D: LayerKind<Conv2dLayerSpec, Conv2dTape> = {
  kind: 'conv2d',
  displayName: 'Conv2D',
  blurb: 'Slides small learned filters over the image: each output channel finds one local pattern wherever it appears.',
  fields: CONV2D_FIELDS,
  schema: conv2dSchema,
  defaults: conv2dDefaults,
  outputShape: (layer, input) => windowOutput(input, convWindow(layer), layer.filters, `${layer.kernelSize}×${layer.kernelSize} convolution`),
  name: (layer) => `Conv2D ${layer.filters} ${layer.kernelSize}×${layer.kernelSize}${layer.stride > 1 ? ` /${layer.stride}` : ''} ${layer.padding} ${layer.activation}`,
  parameters: convParameters,
  figures(layer, place) {
    const forward = 2 * shapeSize(place.output) * imageOf(place.input)!.channels * layer.kernelSize ** 2;
    // Backward: dW and dX each as costly as the forward. Kept per sample: Y, Z and dY.
    return { forwardFlopsPerSample: forward, trainingFlopsPerSample: 3 * forward, activationFloatsPerSample: 3 * shapeSize(place.output) };
  },
  torchModules: convModules,
  reference: conv2dReference,
  gpuForward: conv2dGpuForward,
  // W: [C, k, k, F]: filter f's weight at tap (y, x) of the first channel is W[0, y, x, f].
  weightImages: (layer) => ({ units: layer.filters, height: layer.kernelSize, width: layer.kernelSize, indexOf: (unit, y, x) => (y * layer.kernelSize + x) * layer.filters + unit }),
};
