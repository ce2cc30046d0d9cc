// gpu tier: inspecting one image — probabilities, saliency (∂ predicted logit / ∂ pixel) and hidden outputs against the float64
// reference and central differences of it, on several digits, dense and conv networks; refused once its model is freed, every buffer freed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestGpu } from '../../../tests/gpu/context';
import { mnistFromPackage, testGpuWithMnist } from '../../../tests/gpu/mnist';
import { adamExperiment } from '../../../tests/fixtures/experiment';
import { CLASS_COUNT, PIXELS_PER_IMAGE } from '../data/mnist';
import type { GpuDataset } from '../gpu/dataset';
import { readBuffer } from '../gpu/readback';
import { networkLayers } from '../model/network';
import type { ModelSpec } from '../model/spec';
import { createRng } from '../random';
import { argmax } from '../reference/metrics';
import { mlpForward, mlpInputGradient } from '../reference/mlp';
import { softmax } from '../train/predictor';
import { Trainer } from '../train/trainer';
import type { Inspection } from './types';

const NETWORKS: Record<string, ModelSpec> = {
  relu: {
    layers: [
      { kind: 'dense', units: 48, activation: 'relu', init: 'he' },
      { kind: 'dense', units: 24, activation: 'relu', init: 'he' },
    ],
  },
  tanh: {
    layers: [
      { kind: 'dense', units: 40, activation: 'tanh', init: 'glorot' },
      { kind: 'dense', units: 13, activation: 'tanh', init: 'glorot' },
    ],
  },
  gelu: {
    layers: [
      { kind: 'dense', units: 32, activation: 'gelu', init: 'he' },
      { kind: 'dense', units: 16, activation: 'gelu', init: 'he' },
    ],
  },
  // Dropout first and between: at inference both pass values and gradients through; every other activation too.
  'dropout, every activation': {
    layers: [
      { kind: 'dropout', rate: 0.2 },
      { kind: 'dense', units: 36, activation: 'leaky_relu', init: 'he' },
      { kind: 'dropout', rate: 0.5 },
      { kind: 'dense', units: 24, activation: 'sigmoid', init: 'glorot' },
      { kind: 'dense', units: 12, activation: 'linear', init: 'glorot' },
    ],
  },
};

/** Channel maps: a convolution, a pool, a strided 'same' convolution, Flatten (a view: not shown) and Dense. */
const CONV_NETWORK: ModelSpec = {
  layers: [
    { kind: 'conv2d', filters: 4, kernelSize: 5, stride: 1, padding: 'valid', activation: 'relu', init: 'he' },
    { kind: 'maxpool', size: 2, stride: 'size' },
    { kind: 'conv2d', filters: 6, kernelSize: 3, stride: 2, padding: 'same', activation: 'tanh', init: 'glorot' },
    { kind: 'flatten' },
    { kind: 'dense', units: 12, activation: 'relu', init: 'he' },
  ],
};

/** Layers whose output is their input's floats, which an inspection leaves out. */
const PASS_THROUGH_KINDS = new Set(['dropout', 'flatten']);

const config = (spec: ModelSpec) => adamExperiment(spec, { seed: 9, trainImages: 2000, batchSize: 40, learningRate: 2e-3, epochs: 1 });

/** Test images 0, 1, 2 and 5 (digits 7, 2, 1, 1) as the GPU gather scales them. */
function testImage(index: number): Float32Array {
  const { images } = mnistFromPackage().test;
  return Float32Array.from(images.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE), (byte) => byte / 255);
}

/**
 * The test image half faded into seeded uniform noise: no two inputs of a pool's window tie and no ReLU input sits within
 * a difference step of its kink, as they do all over a blank background (central differences are not defined there).
 */
function noisyTestImage(index: number): Float32Array {
  const noise = createRng(index);
  return testImage(index).map((pixel) => (pixel + noise.next()) / 2);
}
const DIGITS = [0, 1, 2, 5];

/** Pixel step of the central differences: float64 forward passes, so truncation (h²) and rounding (ε/h) are both ≈ 1e-10. */
const STEP = 1e-5;
/**
 * Float32 through two to four layers against float64: SwiftShader's saliency is within 4.4e-7 of the largest
 * |gradient|. 1e-5 of it leaves room for other GPUs' exp/tanh/erf; a missing act′, a wrong transpose or a dropout scale
 * left on would be off by tens of percent.
 */
const SALIENCY_TOLERANCE = 1e-5;
/** Probabilities and hidden outputs: as the predictor's test (float32 against float64). */
const VALUE_TOLERANCE = 1e-5;
/** The float64 reference gradient against its own central differences. */
const REFERENCE_TOLERANCE = 1e-7;

/** Central differences of the float64 reference's logit `target` at every pixel, all 2 × 784 nudged images in one batch. */
function centralDifferences(trainer: Trainer, weights: Float32Array, pixels: Float32Array, target: number): Float64Array {
  const batch = 2 * PIXELS_PER_IMAGE; // rows 2i and 2i + 1: pixel i nudged up, then down
  const x = new Float64Array(batch * PIXELS_PER_IMAGE);
  for (let i = 0; i < PIXELS_PER_IMAGE; i++) {
    x.set(pixels, 2 * i * PIXELS_PER_IMAGE);
    x.set(pixels, (2 * i + 1) * PIXELS_PER_IMAGE);
    x[2 * i * PIXELS_PER_IMAGE + i]! += STEP;
    x[(2 * i + 1) * PIXELS_PER_IMAGE + i]! -= STEP;
  }
  const { logits } = mlpForward(trainer.config.spec, trainer.model.layout, weights, { x, labels: new Uint8Array(batch), batch });
  return Float64Array.from({ length: PIXELS_PER_IMAGE }, (_, i) => (logits[2 * i * CLASS_COUNT + target]! - logits[(2 * i + 1) * CLASS_COUNT + target]!) / (2 * STEP));
}

/** max |a − b| over max |b|. */
function relativeToLargest(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let difference = 0;
  let largest = 0;
  for (let i = 0; i < expected.length; i++) {
    difference = Math.max(difference, Math.abs(actual[i]! - expected[i]!));
    largest = Math.max(largest, Math.abs(expected[i]!));
  }
  return difference / largest;
}

/** The largest differences seen, each as its tolerance measures it. */
const noDifferences = () => ({ probability: 0, saliency: 0, differences: 0, reference: 0, activation: 0 });

/** Checks one inspection against the float64 reference on the weights the GPU used; adds its differences to `worst`. */
function compareWithReference(trainer: Trainer, weights: Float32Array, pixels: Float32Array, inspection: Inspection, worst: ReturnType<typeof noDifferences>): void {
  const [spec, layout] = [trainer.config.spec, trainer.model.layout];
  const forward = mlpForward(spec, layout, weights, { x: pixels, labels: [0], batch: 1 });
  const expected = softmax(forward.logits);
  inspection.probabilities.forEach((p, c) => (worst.probability = Math.max(worst.probability, Math.abs(p - expected[c]!))));
  const sorted = Array.from(forward.logits).sort((a, b) => b - a);
  if (sorted[0]! - sorted[1]! > 1e-4) expect(inspection.predicted).toBe(argmax(forward.logits, 0, CLASS_COUNT));

  const reference = mlpInputGradient(spec, layout, weights, pixels, [inspection.predicted]);
  const differences = centralDifferences(trainer, weights, pixels, inspection.predicted);
  expect(inspection.saliency).toHaveLength(PIXELS_PER_IMAGE);
  worst.saliency = Math.max(worst.saliency, relativeToLargest(inspection.saliency, reference));
  worst.differences = Math.max(worst.differences, relativeToLargest(inspection.saliency, differences));
  worst.reference = Math.max(worst.reference, relativeToLargest(reference, differences));

  const shown = spec.layers.flatMap((layer, index) => (PASS_THROUGH_KINDS.has(layer.kind) ? [] : [index]));
  expect(inspection.layers.map((layer) => layer.index)).toEqual(shown);
  const network = networkLayers(spec);
  for (const layer of inspection.layers) {
    const output = forward.layerOutputs[layer.index]!;
    expect(layer.shape).toEqual(network[layer.index]!.place.output);
    expect(layer.values).toHaveLength(output.length);
    layer.values.forEach((value, i) => (worst.activation = Math.max(worst.activation, Math.abs(value - output[i]!) / Math.max(1, Math.abs(output[i]!)))));
  }
}

describe('inspecting an image', () => {
  let gpu: TestGpu;
  let dataset: GpuDataset;

  beforeAll(async () => {
    ({ gpu, dataset } = await testGpuWithMnist());
  });

  /** The inspections of `image(digit)` for each digit against the reference, with the seeded weights and after 20 steps. */
  async function checkAgainstReference(network: string, spec: ModelSpec, image: (index: number) => Float32Array): Promise<void> {
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, config(spec), () => {});
    const worst = noDifferences();
    for (const stage of ['seeded', 'trained'] as const) {
      if (stage === 'trained') await trainer.runSteps(20);
      const weights = await trainer.readWeights();
      for (const index of DIGITS) {
        const pixels = image(index);
        const inspection = await trainer.inspect(pixels);
        expect(inspection.step).toBe(stage === 'seeded' ? 0 : 20);
        compareWithReference(trainer, weights, pixels, inspection, worst);
      }
    }
    console.log(`inspector (${network}): largest differences ${JSON.stringify(Object.fromEntries(Object.entries(worst).map(([k, v]) => [k, v.toExponential(2)])))}`);
    expect(worst.probability).toBeLessThan(VALUE_TOLERANCE);
    expect(worst.activation).toBeLessThan(VALUE_TOLERANCE);
    expect(worst.saliency).toBeLessThan(SALIENCY_TOLERANCE);
    expect(worst.differences).toBeLessThan(SALIENCY_TOLERANCE);
    expect(worst.reference).toBeLessThan(REFERENCE_TOLERANCE);
    trainer.dispose();
  }

  it.each(Object.keys(NETWORKS))('matches the float64 reference and its central differences: %s, seeded and after 20 steps', (network) =>
    checkAgainstReference(network, NETWORKS[network]!, testImage),
  );

  it('matches them on a conv network too, channel maps and pooled maps included, on digits faded into noise', () =>
    checkAgainstReference('conv, pool, flatten', CONV_NETWORK, noisyTestImage),
  );

  it('names each hidden layer that computes an output, leaves training gradients alone, and refuses once the model is freed', async () => {
    const live = gpu.ctx.buffers.stats();
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, config(NETWORKS['dropout, every activation']!), () => {});
    await trainer.runSteps(3);
    const grads = new Float32Array(await readBuffer(gpu.ctx, trainer.model.grads));
    const inspection = await trainer.inspect(testImage(0));
    expect(inspection.layers.map(({ index, name, shape }) => ({ index, name, shape }))).toEqual([
      { index: 1, name: 'Dense 36 leaky_relu', shape: [36] },
      { index: 3, name: 'Dense 24 sigmoid', shape: [24] },
      { index: 4, name: 'Dense 12 linear', shape: [12] },
    ]);
    expect(Math.abs(inspection.probabilities.reduce((sum, p) => sum + p, 0) - 1)).toBeLessThan(1e-6);
    expect(new Float32Array(await readBuffer(gpu.ctx, trainer.model.grads))).toEqual(grads);
    await expect(trainer.inspect(new Float32Array(3))).rejects.toThrow(RangeError);
    const pending = trainer.inspect(testImage(1)); // while the inspector is still built: it settles either way
    trainer.dispose();
    await pending.catch((error: Error) => expect(error.message).toMatch(/replaced or freed/));
    await expect(trainer.inspect(testImage(0))).rejects.toThrow('This model was replaced or freed, so it cannot inspect an image.');
    expect(gpu.ctx.buffers.stats()).toEqual(live);
  });
});

