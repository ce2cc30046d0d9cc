// The PyTorch nn.Sequential a spec becomes, from each layer kind's modules: indices, parameter names and shapes, Python source.
import type { Shape } from '../layers/shapes';
import { networkLayers } from '../model/network';
import { parameterLayout, type ParameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';

export interface TorchModule {
  /** Position in the nn.Sequential: the prefix of its parameter names ("3.weight"). */
  index: number;
  /** Python source, e.g. "nn.Linear(784, 128)". */
  source: string;
  /**
   * For a module that holds parameters: which layer of parameterLayout(spec).layers they are (the output layer last).
   * Named when Dense was the only kind with parameters.
   */
  dense?: number;
}

/**
 * Each layer's modules in order: a hidden Dense layer is Linear then its activation, Dropout is nn.Dropout, the output
 * layer a final Linear(…, 10) (softmax lives in the loss). 784-128 relu-dropout-64 relu-10: Linear, ReLU, Dropout, Linear, ReLU, Linear.
 * Modules on images (Conv2d, MaxPool2d) get an nn.Unflatten before the first, and a Linear after them an nn.Flatten
 * unless a Flatten layer gave it one.
 */
export function torchModules(spec: ModelSpec): TorchModule[] {
  const modules: TorchModule[] = [];
  let parametrised = 0;
  // The script feeds each sample flat; a module that needs the other form gets a reshape first (images channel-major).
  let tensor: 'image' | 'flat' = 'flat';
  for (const { spec: layer, kind, place } of networkLayers(spec)) {
    for (const { source, parameters, takes, gives } of kind.torchModules(layer, place)) {
      if (takes && takes !== tensor) modules.push({ index: modules.length, source: takes === 'flat' ? 'nn.Flatten()' : unflatten(place.input) });
      modules.push({ index: modules.length, source, ...(parameters ? { dense: parametrised } : {}) });
      tensor = gives ?? takes ?? tensor;
    }
    if (kind.parameters(layer, place).length > 0) parametrised++;
  }
  return modules;
}

/** nn.Unflatten of a flat sample of image shape [H, W, C] into PyTorch's [C, H, W]. */
function unflatten(shape: Shape): string {
  const [height, width, channels] = shape as [number, number, number];
  return `nn.Unflatten(1, (${channels}, ${height}, ${width}))`;
}

/** Python that builds the model, e.g. for a "use it in PyTorch" panel: `model = nn.Sequential(...)`. */
export function torchSequentialSource(spec: ModelSpec): string {
  const lines = torchModules(spec).map(({ index, source }) => `    ${source},  # ${index}`);
  return ['from torch import nn', '', 'model = nn.Sequential(', ...lines, ')'].join('\n');
}

export interface TorchTensor {
  /** State-dict name, e.g. "0.weight". */
  name: string;
  /** As PyTorch holds it: [out, in] for a Linear weight, [out] for a bias. */
  shape: number[];
  /** The layer of parameterLayout(spec).layers it belongs to, */
  dense: number;
  /** and which of that layer's tensors it is. */
  tensor: number;
}

/** The model's parameters in state-dict order; `layout` is parameterLayout(spec). */
export function torchTensors(spec: ModelSpec, layout: ParameterLayout = parameterLayout(spec)): TorchTensor[] {
  return torchModules(spec).flatMap(({ index, dense }): TorchTensor[] => {
    if (dense === undefined) return [];
    return layout.layers[dense]!.tensors.map(({ name, shape, torchAxes }, tensor) => ({ name: `${index}.${name}`, shape: torchAxes.map((axis) => shape[axis]!), dense, tensor }));
  });
}
