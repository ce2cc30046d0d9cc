// gpu tier: conv networks end to end — every gradient of a training step against the float64 reference, and W2 learning on MNIST.
import { beforeAll, describe, expect, it } from 'vitest';
import { W2_SPEC } from '../../../../bench/w2';
import { adamExperiment } from '../../../../tests/fixtures/experiment';
import { testGpu, type TestGpu } from '../../../../tests/gpu/context';
import { inputBuffer, mismatches, release } from '../../../../tests/gpu/harness';
import { testGpuWithMnist } from '../../../../tests/gpu/mnist';
import { uploadedRandomSplit } from '../../../../tests/gpu/random-split';
import { PIXELS_PER_IMAGE, type MnistSplit } from '../../data/mnist';
import type { GpuSplit } from '../../gpu/dataset';
import { createLossAccumulators } from '../../gpu/kernels/softmax-ce';
import { readBuffer } from '../../gpu/readback';
import type { ModelSpec } from '../../model/spec';
import { createRng } from '../../random';
import { mlpGradients } from '../../reference/mlp';
import { createModelState } from '../../train/model-state';
import type { SubmitMetrics } from '../../train/metrics-ring';
import { Trainer } from '../../train/trainer';
import { createTrainingGraph } from '../../train/training-graph';

const seed = Date.now() >>> 0;
const IMAGES = 100;

/** Stride 2 with 'same' padding, an overlapping 3×3 pool, an even kernel, GELU through a pool, Dense reading an image. */
const AWKWARD: ModelSpec = {
  layers: [
    { kind: 'conv2d', filters: 5, kernelSize: 3, stride: 2, padding: 'same', activation: 'tanh', init: 'he' },
    { kind: 'maxpool', size: 3, stride: '2' },
    { kind: 'conv2d', filters: 7, kernelSize: 2, stride: 1, padding: 'same', activation: 'gelu', init: 'glorot' },
    { kind: 'dense', units: 11, activation: 'relu', init: 'he' },
  ],
};

/** One SGD step's gradients on the GPU, from the seeded initial weights, and those weights. */
async function gpuGradients({ ctx, cache }: TestGpu, spec: ModelSpec, split: GpuSplit, indices: number[]) {
  const hyperparameters = { learningRate: 0, momentum: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0, maxGradNorm: 0 };
  const model = await createModelState(ctx, cache, spec, 'sgd', hyperparameters);
  const indexBuffer = inputBuffer(ctx, 'step indices', Uint32Array.from(indices));
  const accumulators = createLossAccumulators(ctx);
  const graph = await createTrainingGraph(ctx, cache, { spec, model, batch: indices.length, split, indices: indexBuffer, stepsPerSubmit: 1, accumulators, dropoutSeed: seed });
  model.reset(seed);
  const params = new Float32Array(await readBuffer(ctx, model.params));
  graph.setIndexOffsets([0]);
  const encoder = ctx.device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  graph.encodeStep(pass, 0);
  pass.end();
  ctx.device.queue.submit([encoder.finish()]);
  const grads = new Float32Array(await readBuffer(ctx, model.grads));
  const layout = model.layout;
  graph.dispose();
  model.dispose();
  release(ctx, indexBuffer, accumulators);
  return { layout, params, grads };
}

describe(`conv networks on the GPU (seed ${seed})`, () => {
  let gpu: TestGpu;
  let data: { split: MnistSplit; onGpu: GpuSplit };
  beforeAll(async () => {
    gpu = await testGpu();
    data = uploadedRandomSplit(gpu, IMAGES, seed);
  });

  it.each([
    ['the awkward network', 1, AWKWARD],
    ['the awkward network', 7, AWKWARD],
    ['the awkward network', 65, AWKWARD],
    ['W2', 7, W2_SPEC],
  ] as const)('%s computes every gradient of the mean loss at batch %i (rtol 1e-3, atol 1e-5)', async (_, batch, spec) => {
    const rng = createRng(seed + batch);
    const indices = Array.from({ length: batch }, () => rng.int(IMAGES));
    const { layout, params, grads } = await gpuGradients(gpu, spec, data.onGpu, indices);
    const { images, labels } = data.split;
    const x = Float64Array.from({ length: batch * PIXELS_PER_IMAGE }, (_, i) => Math.fround(images[indices[Math.floor(i / PIXELS_PER_IMAGE)]! * PIXELS_PER_IMAGE + (i % PIXELS_PER_IMAGE)]! / 255));
    const expected = mlpGradients(spec, layout, params, { x, labels: indices.map((i) => labels[i]!), batch }).grads;
    expect(expected.some((value) => value !== 0)).toBe(true);
    expect(mismatches(grads, expected, (i) => 1e-5 + 1e-3 * Math.abs(expected[i]!))).toEqual([]);
  });
});

describe('W2 on MNIST', () => {
  // 40 Adam steps of 50 images: the training loss of the last 10 steps is well below that of the first 10 (ln 10 ≈ 2.3 at the start).
  it('learns: the mean training loss falls by a third over 40 steps on 2,000 images', async () => {
    const { gpu: device, dataset } = await testGpuWithMnist();
    const metrics: SubmitMetrics[] = [];
    const config = adamExperiment(W2_SPEC, { seed: 5, trainImages: 2000, batchSize: 50, learningRate: 2e-3, epochs: 1 });
    const trainer = await Trainer.create(device.ctx, device.cache, dataset, config, (m) => metrics.push(m));
    for (let step = 0; step < 40; step++) await trainer.runSteps(1);
    await trainer.drain();
    trainer.dispose();
    const meanLoss = (ms: SubmitMetrics[]) => ms.reduce((s, m) => s + m.lossSum, 0) / ms.reduce((s, m) => s + m.samples, 0);
    const [first, last] = [meanLoss(metrics.slice(0, 10)), meanLoss(metrics.slice(-10))];
    console.log(`W2: mean training loss ${first.toFixed(3)} over steps 1–10 → ${last.toFixed(3)} over steps 31–40`);
    expect(metrics.reduce((s, m) => s + m.samples, 0)).toBe(2000);
    expect(last).toBeLessThan((2 / 3) * first);
  });
});
