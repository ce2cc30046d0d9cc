// The PyTorch nn.Sequential a spec becomes: module indices, parameter names and shapes ([out, in]), and its Python source.
import { LEAKY_RELU_SLOPE, type Activation } from '../activations';
import { denseLayers, type ModelSpec } from '../model/spec';

/** The activation as a PyTorch module; 'linear' is nn.Identity so module indices stay predictable. */
const ACTIVATION_MODULES: Record<Activation, string> = {
  relu: 'nn.ReLU()',
  leaky_relu: `nn.LeakyReLU(${LEAKY_RELU_SLOPE})`,
  sigmoid: 'nn.Sigmoid()',
  tanh: 'nn.Tanh()',
  gelu: 'nn.GELU()', // exact (erf) GELU, as the engine computes it
  linear: 'nn.Identity()',
};

export interface TorchModule {
  /** Position in the nn.Sequential: the prefix of its parameter names ("3.weight"). */
  index: number;
  /** Python source, e.g. "nn.Linear(784, 128)". */
  source: string;
  /** For an nn.Linear: which Dense layer of parameterLayout(spec) it holds (the output layer last). */
  dense?: number;
}

/**
 * Each hidden Dense layer becomes Linear then its activation, Dropout becomes nn.Dropout, and the output layer a final
 * Linear(…, 10) (softmax lives in the loss). 784-128 relu-dropout-64 relu-10: Linear, ReLU, Dropout, Linear, ReLU, Linear.
 */
export function torchModules(spec: ModelSpec): TorchModule[] {
  const dense = denseLayers(spec);
  const modules: TorchModule[] = [];
  const add = (source: string, denseIndex?: number) => modules.push({ index: modules.length, source, ...(denseIndex === undefined ? {} : { dense: denseIndex }) });
  spec.layers.forEach((layer, index) => {
    if (layer.kind === 'dropout') {
      add(`nn.Dropout(p=${layer.rate})`);
    } else {
      const denseIndex = dense.findIndex((entry) => entry.index === index);
      add(`nn.Linear(${dense[denseIndex]!.inputs}, ${layer.units})`, denseIndex);
      add(ACTIVATION_MODULES[layer.activation]);
    }
  });
  const output = dense.at(-1)!;
  add(`nn.Linear(${output.inputs}, ${output.layer.units})`, dense.length - 1);
  return modules;
}

/** Python that builds the model, e.g. for a "use it in PyTorch" panel: `model = nn.Sequential(...)`. */
export function torchSequentialSource(spec: ModelSpec): string {
  const lines = torchModules(spec).map(({ index, source }) => `    ${source},  # ${index}`);
  return ['from torch import nn', '', 'model = nn.Sequential(', ...lines, ')'].join('\n');
}

export interface TorchTensor {
  /** State-dict name, e.g. "0.weight". */
  name: string;
  /** [out, in] for a weight, [out] for a bias. */
  shape: number[];
  /** The Dense layer of parameterLayout(spec) it belongs to. */
  dense: number;
  part: 'weight' | 'bias';
}

/** The model's parameters in state-dict order. */
export function torchTensors(spec: ModelSpec): TorchTensor[] {
  const dense = denseLayers(spec);
  return torchModules(spec).flatMap(({ index, dense: denseIndex }): TorchTensor[] => {
    if (denseIndex === undefined) return [];
    const { inputs, layer } = dense[denseIndex]!;
    return [
      { name: `${index}.weight`, shape: [layer.units, inputs], dense: denseIndex, part: 'weight' },
      { name: `${index}.bias`, shape: [layer.units], dense: denseIndex, part: 'bias' },
    ];
  });
}
