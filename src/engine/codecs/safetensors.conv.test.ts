// unit: model files of conv networks — nn.Sequential's names (reshape modules counted), PyTorch's shapes, [C, k, k, F] stored as [F, C, k, k], bit-exact round trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONV_PRESETS } from '../../../tests/fixtures/conv-presets';
import { parameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import { decodeSafetensors, encodeSafetensors } from './safetensors';
import { awkwardConvSpec, convExperimentArbitrary, expectSameFloats, modelFileParts, weightsWithBiases, withSpec } from './test-fixtures';
import { torchModules } from './torch-modules';
import { readFloat32s } from './weights';

interface ConvCase {
  spec: ModelSpec;
  /** nn.Sequential's modules, "index source". */
  modules: string[];
  /** The state dict, "name [shape]", in file order. */
  tensors: string[];
}

const CASES: Record<string, ConvCase> = {
  'LeNet-5': {
    spec: CONV_PRESETS.lenet5,
    modules: [
      '0 nn.Unflatten(1, (1, 28, 28))',
      '1 nn.Conv2d(1, 6, 5, stride=1, padding=2)',
      '2 nn.ReLU()',
      '3 nn.MaxPool2d(2, stride=2)',
      '4 nn.Conv2d(6, 16, 5, stride=1, padding=0)',
      '5 nn.ReLU()',
      '6 nn.MaxPool2d(2, stride=2)',
      '7 nn.Flatten()',
      '8 nn.Linear(400, 120)',
      '9 nn.ReLU()',
      '10 nn.Linear(120, 84)',
      '11 nn.ReLU()',
      '12 nn.Linear(84, 10)',
    ],
    tensors: ['1.weight [6, 1, 5, 5]', '1.bias [6]', '4.weight [16, 6, 5, 5]', '4.bias [16]', '8.weight [120, 400]', '8.bias [120]', '10.weight [84, 120]', '10.bias [84]', '12.weight [10, 84]', '12.bias [10]'],
  },
  ConvNet: {
    spec: CONV_PRESETS.convnet,
    modules: [
      '0 nn.Unflatten(1, (1, 28, 28))',
      '1 nn.Conv2d(1, 24, 5, stride=1, padding=0)',
      '2 nn.ReLU()',
      '3 nn.MaxPool2d(2, stride=2)',
      '4 nn.Conv2d(24, 32, 3, stride=1, padding=0)',
      '5 nn.ReLU()',
      '6 nn.MaxPool2d(2, stride=2)',
      '7 nn.Flatten()',
      '8 nn.Linear(800, 128)',
      '9 nn.ReLU()',
      '10 nn.Linear(128, 10)',
    ],
    tensors: ['1.weight [24, 1, 5, 5]', '1.bias [24]', '4.weight [32, 24, 3, 3]', '4.bias [32]', '8.weight [128, 800]', '8.bias [128]', '10.weight [10, 128]', '10.bias [10]'],
  },
  'the awkward conv spec': {
    spec: awkwardConvSpec,
    modules: [
      '0 nn.Unflatten(1, (1, 28, 28))',
      '1 nn.ZeroPad2d((1, 2, 1, 2))',
      '2 nn.Conv2d(1, 5, 4, stride=2, padding=0)',
      '3 nn.Tanh()',
      '4 nn.MaxPool2d(3, stride=2)',
      '5 nn.Conv2d(5, 7, 3, stride=1, padding=0)',
      '6 nn.ReLU()',
      '7 nn.Flatten()',
      '8 nn.Linear(112, 12)',
      '9 nn.ReLU()',
      '10 nn.Linear(12, 10)',
    ],
    tensors: ['2.weight [5, 1, 4, 4]', '2.bias [5]', '5.weight [7, 5, 3, 3]', '5.bias [7]', '8.weight [12, 112]', '8.bias [12]', '10.weight [10, 12]', '10.bias [10]'],
  },
};

/** A file's tensors in header order, each with its values read from the data section. */
function fileTensors(bytes: Uint8Array): { name: string; shape: number[]; values: Float32Array }[] {
  const { header, data } = modelFileParts(bytes);
  return Object.keys(header)
    .filter((name) => name !== '__metadata__')
    .map((name) => {
      const { shape, data_offsets: [begin, end] } = header[name]!;
      return { name, shape, values: readFloat32s(data, begin!, (end! - begin!) / 4) };
    });
}

/** The stored [C, k, k, F] weights of each conv layer, in network order. */
const convWeights = (spec: ModelSpec, flat: Float32Array): { shape: readonly number[]; values: Float32Array }[] =>
  parameterLayout(spec)
    .layers.filter(({ kind }) => kind === 'conv2d')
    .map(({ tensors: [weight] }) => ({ shape: weight!.shape, values: flat.subarray(weight!.offset, weight!.offset + weight!.size) }));

/** Fails unless `file`, a Conv2d weight [F, C, k, k], holds the buffer's W: [C, k, k, F] with W[c, ky, kx, f] at [f, c, ky, kx]. */
function expectConvWeightAsTorch(file: Float32Array, stored: Float32Array, [channels, k, , filters]: readonly number[]): void {
  expect(file.length).toBe(stored.length);
  for (let f = 0; f < filters!; f++) {
    for (let c = 0; c < channels!; c++) {
      for (let ky = 0; ky < k!; ky++) {
        for (let kx = 0; kx < k!; kx++) {
          const [torch, buffer] = [((f * channels! + c) * k! + ky) * k! + kx, ((c * k! + ky) * k! + kx) * filters! + f];
          if (file[torch] !== stored[buffer]) expect.fail(`[${f}, ${c}, ${ky}, ${kx}] is ${file[torch]}, but W[${c}, ${ky}, ${kx}, ${f}] is ${stored[buffer]}`);
        }
      }
    }
  }
}

/** [F, C, k, k] of each conv layer of `spec`: C is the filters of the conv before (pools and dropouts keep channels), or MNIST's 1. */
function torchConvShapes(spec: ModelSpec): number[][] {
  let channels = 1;
  return spec.layers.flatMap((layer) => {
    if (layer.kind !== 'conv2d') return [];
    const shape = [layer.filters, channels, layer.kernelSize, layer.kernelSize];
    channels = layer.filters;
    return [shape];
  });
}

/** Fails unless each 4-axis tensor of the file is, in order, a conv layer's weights as PyTorch holds them. */
function expectConvWeightsAsTorch(bytes: Uint8Array, spec: ModelSpec, flat: Float32Array): void {
  const inFile = fileTensors(bytes).filter(({ shape }) => shape.length === 4);
  const stored = convWeights(spec, flat);
  expect(inFile.map(({ shape }) => shape)).toEqual(torchConvShapes(spec));
  expect(stored.map(({ shape: [c, k, , f] }) => [f, c, k, k])).toEqual(torchConvShapes(spec));
  inFile.forEach(({ values }, i) => expectConvWeightAsTorch(values, stored[i]!.values, stored[i]!.shape));
}

describe('conv model files', () => {
  it.each(Object.entries(CASES))('%s: state-dict names of the exported nn.Sequential, with PyTorch shapes', (_, { spec, modules, tensors }) => {
    expect(torchModules(spec).map(({ index, source }) => `${index} ${source}`)).toEqual(modules);
    const bytes = encodeSafetensors(withSpec(spec), weightsWithBiases(spec));
    expect(fileTensors(bytes).map(({ name, shape }) => `${name} [${shape.join(', ')}]`)).toEqual(tensors);
  });

  it.each(Object.entries(CASES))('%s: the conv weights stored [C, k, k, F] are written [F, C, k, k], the Linears [out, in]', (_, { spec }) => {
    const weights = weightsWithBiases(spec, 6);
    const bytes = encodeSafetensors(withSpec(spec), weights);
    expectConvWeightsAsTorch(bytes, spec, weights);
    // The first Linear reads the last image flattened channel-major: W [in, out] element [i, j] is the file's [j, i].
    const linear = parameterLayout(spec).layers.find(({ kind }) => kind === 'dense')!.tensors[0]!;
    const [inputs, outputs] = linear.shape as [number, number];
    const file = fileTensors(bytes).find(({ shape }) => shape.length === 2)!.values;
    expect(file[(outputs - 1) * inputs + 3]).toBe(weights[linear.offset + 3 * outputs + outputs - 1]);
  });

  it('puts one LeNet-5 weight where the index arithmetic says: W[c 4, ky 2, kx 3, f 13] of [6, 5, 5, 16] at [13, 4, 2, 3] of [16, 6, 5, 5]', () => {
    const weights = weightsWithBiases(CONV_PRESETS.lenet5, 8);
    const second = fileTensors(encodeSafetensors(withSpec(CONV_PRESETS.lenet5), weights)).find(({ name }) => name === '4.weight')!;
    const { offset } = parameterLayout(CONV_PRESETS.lenet5).layers[1]!.tensors[0]!;
    expect(second.values[((13 * 6 + 4) * 5 + 2) * 5 + 3]).toBe(weights[offset + ((4 * 5 + 2) * 5 + 3) * 16 + 13]);
    expect(second.values[2063]).toBe(weights[offset + 1821]);
  });

  it.each(Object.entries(CASES))('%s: decodes to the same settings and every weight bit for bit', (_, { spec }) => {
    const weights = weightsWithBiases(spec, 5);
    const decoded = decodeSafetensors(encodeSafetensors(withSpec(spec), weights, { epochs: 7, testAccuracy: 0.9904 }));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.experiment).toEqual(withSpec(spec));
    expect([decoded.epochs, decoded.testAccuracy]).toEqual([7, 0.9904]);
    expectSameFloats(decoded.weights, weights);
  });

  it('round-trips random valid conv experiments bit for bit, each conv weight written [F, C, k, k]', () => {
    fc.assert(
      fc.property(convExperimentArbitrary, fc.nat(1000), (experiment, seed) => {
        const weights = weightsWithBiases(experiment.spec, seed);
        const bytes = encodeSafetensors(experiment, weights);
        expectConvWeightsAsTorch(bytes, experiment.spec, weights);
        const decoded = decodeSafetensors(bytes);
        if (!decoded.ok) throw new Error(decoded.error);
        expect(decoded.experiment).toEqual(experiment);
        expectSameFloats(decoded.weights, weights);
      }),
      { numRuns: 40 },
    );
  });
});
