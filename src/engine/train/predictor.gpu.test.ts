// gpu tier: one-image predictions match the float64 reference MLP on the same weights, dropout off, and free their buffers.
import { beforeAll, describe, expect, it } from 'vitest';
import { mnistFromPackage, testGpuWithMnist } from '../../../tests/gpu/mnist';
import type { TestGpu } from '../../../tests/gpu/context';
import { CLASS_COUNT, PIXELS_PER_IMAGE } from '../data/mnist';
import type { GpuDataset } from '../gpu/dataset';
import type { ModelSpec } from '../model/spec';
import { mlpForward } from '../reference/mlp';
import { softmax } from './predictor';
import { Trainer, type TrainerConfig } from './trainer';
import { adamExperiment } from '../../../tests/fixtures/experiment';

/** Every activation, a width off the vec4 path (13) and two dropout layers, which prediction must skip. */
const EVERY_ACTIVATION: ModelSpec = {
  layers: [
    { kind: 'dense', units: 48, activation: 'relu', init: 'he' },
    { kind: 'dropout', rate: 0.5 },
    { kind: 'dense', units: 32, activation: 'leaky_relu', init: 'he' },
    { kind: 'dense', units: 24, activation: 'sigmoid', init: 'glorot' },
    { kind: 'dense', units: 13, activation: 'tanh', init: 'glorot' },
    { kind: 'dropout', rate: 0.3 },
    { kind: 'dense', units: 16, activation: 'gelu', init: 'he' },
    { kind: 'dense', units: 12, activation: 'linear', init: 'glorot' },
  ],
};

const CLASSIC: ModelSpec = {
  layers: [
    { kind: 'dense', units: 64, activation: 'relu', init: 'he' },
    { kind: 'dropout', rate: 0.1 },
    { kind: 'dense', units: 32, activation: 'relu', init: 'he' },
  ],
};

const config = (spec: ModelSpec): TrainerConfig => adamExperiment(spec, { seed: 5, trainImages: 4000, batchSize: 40, learningRate: 2e-3, epochs: 1 });

/**
 * Float32 against float64 through 7 layers: SwiftShader agrees to about 5e-8. 1e-5 leaves room for other GPUs'
 * exp/tanh approximations, and is far below what a dropout left on, a wrong activation or a missed bias would change.
 */
const PROBABILITY_TOLERANCE = 1e-5;

/** Test image `index` as the GPU gather makes it: bytes / 255. */
function testImage(index: number): Float32Array {
  const { images } = mnistFromPackage().test;
  return Float32Array.from(images.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE), (byte) => byte / 255);
}

/** The reference's logits for one image on the trainer's current weights, read back from the GPU. */
function referenceLogits(trainer: Trainer, weights: Float32Array, pixels: Float32Array): Float64Array {
  return mlpForward(trainer.config.spec, trainer.model.layout, weights, { x: pixels, labels: [0], batch: 1 }).logits;
}

const argmax = (values: ArrayLike<number>): number => Array.from(values).reduce((best, value, i, all) => (value > all[best]! ? i : best), 0);

describe('predictions on MNIST', () => {
  let gpu: TestGpu;
  let dataset: GpuDataset;

  beforeAll(async () => {
    ({ gpu, dataset } = await testGpuWithMnist());
  });

  it('match the float64 reference (every activation, dropout off) and sum to 1, before and after training steps', async () => {
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, config(EVERY_ACTIVATION), () => {});
    const inputs = [testImage(0), testImage(1), testImage(2), new Float32Array(PIXELS_PER_IMAGE), new Float32Array(PIXELS_PER_IMAGE).fill(1)];
    let worst = 0;
    for (const stage of ['initial', 'trained'] as const) {
      if (stage === 'trained') await trainer.runSteps(30);
      const weights = await trainer.readWeights();
      for (const pixels of inputs) {
        const probabilities = await trainer.predict(pixels);
        const expected = softmax(referenceLogits(trainer, weights, pixels));
        expect(probabilities).toHaveLength(CLASS_COUNT);
        expect(Math.abs(probabilities.reduce((sum, p) => sum + p, 0) - 1)).toBeLessThan(1e-6);
        probabilities.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - expected[i]!))));
      }
    }
    console.log(`predictor: largest probability difference from the float64 reference ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(PROBABILITY_TOLERANCE);
    trainer.dispose();
  });

  it('after training, classifies 50 test images as the reference does on the read-back weights, about as well as the evaluator', async () => {
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, config(CLASSIC), () => {});
    while (!trainer.finished) await trainer.runSteps(1000);
    const { accuracy } = await trainer.evaluate();
    const weights = await trainer.readWeights();
    const { labels } = mnistFromPackage().test;
    let agree = 0;
    let correct = 0;
    for (let index = 0; index < 50; index++) {
      const predicted = argmax(await trainer.predict(testImage(index)));
      const reference = referenceLogits(trainer, weights, testImage(index));
      const sorted = Array.from(reference).sort((a, b) => b - a);
      // A near-tie of the top two logits may round either way in float32.
      if (predicted === argmax(reference) || sorted[0]! - sorted[1]! < 1e-4) agree++;
      if (predicted === labels[index]) correct++;
    }
    console.log(`predictor: ${correct}/50 test images right; the evaluator's test accuracy is ${(100 * accuracy).toFixed(1)}%`);
    expect(agree).toBe(50);
    // 50 images: the binomial standard deviation at ~85% is 5 points; 20 points is four of them.
    expect(Math.abs(correct / 50 - accuracy)).toBeLessThan(0.2);
    trainer.dispose();
  });

  it('refuses pixels of the wrong length or not finite, naming them', async () => {
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, config(CLASSIC), () => {});
    await expect(trainer.predict(new Float32Array(783))).rejects.toThrow(new RangeError('pixels must hold 784 values (28×28), got 783'));
    const bad = new Float32Array(PIXELS_PER_IMAGE);
    bad[7] = Number.NaN;
    await expect(trainer.predict(bad)).rejects.toThrow(/pixels must be finite numbers, got NaN at index 7/);
    trainer.dispose();
  });

  it('builds the predictor on first use, frees it with the trainer, and refuses to predict after that', async () => {
    const live = gpu.ctx.buffers.stats();
    const trainer = await Trainer.create(gpu.ctx, gpu.cache, dataset, config(CLASSIC), () => {});
    const beforePrediction = gpu.ctx.buffers.stats().count;
    await Promise.all([trainer.predict(testImage(0)), trainer.predict(testImage(1))]);
    const afterPrediction = gpu.ctx.buffers.stats().count;
    expect(afterPrediction).toBeGreaterThan(beforePrediction);
    await trainer.predict(testImage(2));
    expect(gpu.ctx.buffers.stats().count).toBe(afterPrediction);
    trainer.dispose();
    expect(gpu.ctx.buffers.stats()).toEqual(live);
    await expect(trainer.predict(testImage(0))).rejects.toThrow(/replaced or freed/);
  });
});
