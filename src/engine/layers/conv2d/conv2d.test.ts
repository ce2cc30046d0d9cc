// unit: the Conv2D kind — shapes and their messages, gradients by central differences, parameters, PyTorch form, int8, figures.
import { describe, expect, it } from 'vitest';
import { W2_SPEC } from '../../../../bench/w2';
import { expectGradientsMatchDifferences, placeAt } from '../../../../tests/fixtures/gradcheck';
import { dequantizeParameters, measureQuantization, quantizeParameters } from '../../codecs/quantize';
import { decodeSafetensors, encodeSafetensors } from '../../codecs/safetensors';
import { decodeShareLink, encodeShareLink } from '../../codecs/share-link';
import { expectSameFloats, seededWeights, withSpec } from '../../codecs/test-fixtures';
import { torchSequentialSource, torchTensors } from '../../codecs/torch-modules';
import { networkLayers, shapeIssues } from '../../model/network';
import { parameterLayout } from '../../model/parameters';
import { estimateGpuMemory, summarizeModel } from '../../model/summary';
import { checkFits, ModelDoesNotFitError } from '../../train/admission';
import { CONV2D, type Conv2dLayerSpec } from '.';

const conv = (changes: Partial<Conv2dLayerSpec>): Conv2dLayerSpec => ({ ...CONV2D.defaults, ...changes });

describe('Conv2D shapes', () => {
  it.each([
    [conv({ filters: 24, kernelSize: 5 }), [28, 28, 1], [24, 24, 24]],
    [conv({ filters: 7, kernelSize: 3, stride: 2, padding: 'same' }), [7, 9, 3], [4, 5, 7]],
    [conv({ filters: 1, kernelSize: 2, padding: 'same' }), [5, 7, 1], [5, 7, 1]],
    [conv({ filters: 3, kernelSize: 6, stride: 2, padding: 'same' }), [13, 1, 3], [7, 1, 3]],
    [conv({ filters: 5, kernelSize: 4, stride: 2 }), [11, 13, 3], [4, 5, 5]],
  ] as const)('%o on %o gives %o', (layer, input, output) => {
    expect(CONV2D.outputShape(layer, input)).toEqual({ ok: true, shape: output });
  });

  it('says why a shape cannot flow: too small an image, or no image at all', () => {
    expect(CONV2D.outputShape(conv({ kernelSize: 5 }), [3, 4, 2])).toEqual({ ok: false, message: 'a 5×5 convolution needs at least 5×5 input; it gets 3×4' });
    expect(CONV2D.outputShape(conv({}), [128])).toEqual({ ok: false, message: 'a 3×3 convolution needs an image-shaped input (height×width×channels); it gets 128 values' });
    const afterDense = { layers: [{ kind: 'dense', units: 32, activation: 'relu', init: 'he' } as const, conv({})] };
    expect(shapeIssues(afterDense)).toEqual([{ layer: 1, message: 'layer 2: a 3×3 convolution needs an image-shaped input (height×width×channels); it gets 32 values' }]);
  });
});

describe('Conv2D float64 reference', () => {
  it.each([
    ['valid 3×3', conv({ filters: 3 }), [5, 4, 2]],
    ['same 3×3 stride 2, GELU', conv({ filters: 2, stride: 2, padding: 'same', activation: 'gelu' }), [5, 6, 3]],
    ['same 2×2 (padding after only), tanh', conv({ filters: 2, kernelSize: 2, padding: 'same', activation: 'tanh' }), [3, 4, 1]],
    ['valid 1×1 stride 2, linear', conv({ filters: 4, kernelSize: 1, stride: 2, activation: 'linear' }), [3, 3, 2]],
  ] as const)('%s: backward matches central differences', (_, layer, input) => {
    expectGradientsMatchDifferences(CONV2D, layer, input, 2);
  });
});

describe('Conv2D parameters and PyTorch form', () => {
  const layout = parameterLayout(W2_SPEC);

  it('stores W as [C, k, k, F] and gives PyTorch [F, C, k, k], He-uniform over fan_in = C·k·k', () => {
    const place = placeAt(CONV2D, conv({ filters: 32 }), [12, 12, 24]);
    const [weight, bias] = CONV2D.parameters(conv({ filters: 32 }), place);
    expect(weight).toMatchObject({ shape: [24, 3, 3, 32], torchAxes: [3, 0, 1, 2], int8: 'per-channel', init: { kind: 'uniform', limit: Math.sqrt(6 / 216) } });
    expect(bias).toMatchObject({ shape: [32], init: { kind: 'zeros' } });
    const glorot = CONV2D.parameters(conv({ filters: 32, init: 'glorot' }), place)[0]!.init;
    expect(glorot).toEqual({ kind: 'uniform', limit: Math.sqrt(6 / (216 + 288)) });
  });

  it('exports W2 as the nn.Sequential PyTorch would write, with state-dict shapes to match', () => {
    expect(torchSequentialSource(W2_SPEC).split('\n').slice(3, -1)).toEqual([
      '    nn.Unflatten(1, (1, 28, 28)),  # 0',
      '    nn.Conv2d(1, 24, 5, stride=1, padding=0),  # 1',
      '    nn.ReLU(),  # 2',
      '    nn.MaxPool2d(2, stride=2),  # 3',
      '    nn.Conv2d(24, 32, 3, stride=1, padding=0),  # 4',
      '    nn.ReLU(),  # 5',
      '    nn.MaxPool2d(2, stride=2),  # 6',
      '    nn.Flatten(),  # 7',
      '    nn.Linear(800, 128),  # 8',
      '    nn.ReLU(),  # 9',
      '    nn.Linear(128, 10),  # 10',
    ]);
    expect(torchTensors(W2_SPEC, layout).map(({ name, shape }) => `${name} [${shape.join(', ')}]`)).toEqual([
      '1.weight [24, 1, 5, 5]',
      '1.bias [24]',
      '4.weight [32, 24, 3, 3]',
      '4.bias [32]',
      '8.weight [128, 800]',
      '8.bias [128]',
      '10.weight [10, 128]',
      '10.bias [10]',
    ]);
  });

  it('pads an even kernel’s extra zero after, with nn.ZeroPad2d, and flattens before a Linear when no Flatten layer did', () => {
    const spec = { layers: [conv({ filters: 4, kernelSize: 4, stride: 2, padding: 'same' })] };
    expect(torchSequentialSource(spec).split('\n').slice(3, -1)).toEqual([
      '    nn.Unflatten(1, (1, 28, 28)),  # 0',
      '    nn.ZeroPad2d((1, 2, 1, 2)),  # 1',
      '    nn.Conv2d(1, 4, 4, stride=2, padding=0),  # 2',
      '    nn.ReLU(),  # 3',
      '    nn.Flatten(),  # 4',
      '    nn.Linear(784, 10),  # 5',
    ]);
  });

  it('quantises W per filter in int8 links: each filter’s largest weight keeps its own scale', () => {
    const flat = new Float32Array(layout.totalFloats);
    const weight = layout.layers[0]!.tensors[0]!; // [1, 5, 5, 24]
    for (let i = 0; i < weight.size; i++) flat[weight.offset + i] = ((i % 24) + 1) * 10 ** -(i % 24 % 4) * (i % 2 ? 1 : -1) * ((i % 7) + 1);
    const decoded = dequantizeParameters(layout, quantizeParameters(layout, flat, 'int8'), 'int8');
    if (!decoded.ok) throw new Error(decoded.error);
    for (let f = 0; f < 24; f++) {
      const values = Array.from({ length: 25 }, (_, tap) => weight.offset + tap * 24 + f);
      const scale = Math.max(...values.map((i) => Math.abs(flat[i]!))) / 127;
      for (const i of values) expect(Math.abs(decoded.weights[i]! - flat[i]!)).toBeLessThanOrEqual(scale / 2 + 1e-7 * Math.abs(flat[i]!));
    }
  });

  it('round-trips W2 through a model file bit for bit, and through an int8 share link within its quantisation error', async () => {
    const weights = seededWeights(W2_SPEC, 4);
    const experiment = withSpec(W2_SPEC);
    const file = decodeSafetensors(encodeSafetensors(experiment, weights));
    if (!file.ok) throw new Error(file.error);
    expectSameFloats(file.weights, weights);
    const link = await decodeShareLink(await encodeShareLink({ experiment, trained: { weights, epochs: 1, testAccuracy: 0.9 } }));
    if (!link.ok) throw new Error(link.error);
    expect(link.experiment.spec).toEqual(W2_SPEC);
    const { maxAbsError } = measureQuantization(layout, weights, 'int8');
    for (let i = 0; i < weights.length; i++) expect(Math.abs(link.trained!.weights[i]! - weights[i]!)).toBeLessThanOrEqual(maxAbsError);
  });

  it('reads each filter’s first channel as a k×k image', () => {
    const layer = conv({ filters: 7, kernelSize: 3 });
    const images = CONV2D.weightImages!(layer, placeAt(CONV2D, layer, [8, 8, 2]))!;
    expect([images.units, images.height, images.width]).toEqual([7, 3, 3]);
    expect(images.indexOf(4, 2, 1)).toBe((2 * 3 + 1) * 7 + 4); // W[0, 2, 1, 4]
  });
});

describe('Conv2D figures and admission', () => {
  it('counts multiply-adds and the activations a conv network keeps', () => {
    const network = networkLayers(W2_SPEC);
    expect(network.map(({ place }) => place.output)).toEqual([[24, 24, 24], [12, 12, 24], [10, 10, 32], [5, 5, 32], [800], [128], [10]]);
    expect(summarizeModel(W2_SPEC).layers.map((layer) => [layer.name, layer.parameters, layer.forwardFlopsPerSample])).toEqual([
      ['Conv2D 24 5×5 valid relu', 624, 2 * 24 * 24 * 24 * 25],
      ['MaxPool 2×2', 0, 0],
      ['Conv2D 32 3×3 valid relu', 6944, 2 * 10 * 10 * 32 * 216],
      ['MaxPool 2×2', 0, 0],
      ['Flatten', 0, 0],
      ['Dense 128 relu', 102_528, 2 * 800 * 128],
      ['Output 10 softmax', 1290, 2 * 128 * 10],
    ]);
    // Input, then per layer: conv Y, Z, dY; pool Y, winners, dY; Dense Y, Z, dY.
    const perSample = 784 + 3 * 13_824 + 3 * 3456 + 3 * 3200 + 3 * 800 + 3 * 128 + 3 * 10;
    expect(estimateGpuMemory(W2_SPEC, 250).activationBytes).toBe(4 * 250 * perSample);
  });

  it('refuses a convolution whose activations exceed a buffer the GPU allows', () => {
    const limits = { maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 256 * 2 ** 20 } as GPUSupportedLimits;
    expect(() => checkFits(limits, W2_SPEC, 250)).not.toThrow();
    const wide = { layers: [conv({ filters: 64, padding: 'same' })] }; // 28·28·64 floats per sample, 1000 rows in evaluation
    expect(() => checkFits(limits, wide, 250)).toThrow(ModelDoesNotFitError);
  });
});
