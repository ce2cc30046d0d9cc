// gpu tier: a whole training step on the GPU (all kernels chained) against the float64 reference MLP.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../tests/gpu/context';
import { inputBuffer, mismatches, readFloats, release } from '../../../tests/gpu/harness';
import { uploadedRandomSplit } from '../../../tests/gpu/random-split';
import { PIXELS_PER_IMAGE, type MnistSplit } from '../data/mnist';
import type { GpuSplit } from '../gpu/dataset';
import { createLossAccumulators } from '../gpu/kernels/softmax-ce';
import type { ModelSpec } from '../model/spec';
import type { OptimizerHyperparameters, OptimizerKind } from '../optimizers';
import { createRng } from '../random';
import { dropoutKeepMask } from '../reference/dropout';
import { mlpForward, mlpGradients, type MlpBatch } from '../reference/mlp';
import { initialOptimizerState, optimizerStep } from '../reference/optimizers';
import { createModelState, type ModelState } from './model-state';
import { createTrainingGraph, type TrainingGraph } from './training-graph';

const seed = Date.now() >>> 0;
const IMAGES = 300;

const SPEC: ModelSpec = {
  layers: [
    { kind: 'dense', units: 33, activation: 'relu', init: 'he' },
    { kind: 'dropout', rate: 0.3 },
    { kind: 'dense', units: 17, activation: 'gelu', init: 'glorot' },
    { kind: 'dense', units: 12, activation: 'tanh', init: 'glorot' },
  ],
};

const hyperparameters = (learningRate: number): OptimizerHyperparameters => ({
  learningRate,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  weightDecay: 0,
  maxGradNorm: 0,
});


interface Harness {
  model: ModelState;
  graph: TrainingGraph;
  dispose(): void;
}

async function build({ ctx, cache }: TestGpu, split: GpuSplit, indices: number[], batch: number, kind: OptimizerKind, lr: number, dropoutSeed: number): Promise<Harness> {
  const model = await createModelState(ctx, cache, SPEC, kind, hyperparameters(lr));
  const indexBuffer = inputBuffer(ctx, 'step indices', Uint32Array.from(indices));
  const accumulators = createLossAccumulators(ctx);
  const graph = await createTrainingGraph(ctx, cache, { spec: SPEC, model, batch, split, indices: indexBuffer, stepsPerSubmit: 8, accumulators, dropoutSeed });
  const dispose = () => {
    graph.dispose();
    model.dispose();
    release(ctx, indexBuffer, accumulators);
  };
  return { model, graph, dispose };
}

/** The float64 batch the GPU sees at `offset`: pixels / 255, labels, and the dropout mask of `step`. */
function referenceBatch(split: MnistSplit, indices: number[], offset: number, batch: number, dropoutSeed: number, step: number): MlpBatch {
  const rows = indices.slice(offset, offset + batch);
  const x = new Float64Array(batch * PIXELS_PER_IMAGE);
  rows.forEach((source, r) => {
    for (let p = 0; p < PIXELS_PER_IMAGE; p++) x[r * PIXELS_PER_IMAGE + p] = Math.fround(split.images[source * PIXELS_PER_IMAGE + p]! / 255);
  });
  const dropoutIndex = 1;
  const layerSeed = (dropoutSeed + dropoutIndex * 0x9e3779b9) >>> 0;
  return { x, labels: rows.map((r) => split.labels[r]!), batch, dropoutKeep: { [dropoutIndex]: dropoutKeepMask(batch * 33, 0.3, layerSeed, step) } };
}

function runSteps({ ctx }: TestGpu, graph: TrainingGraph, offsets: number[]): void {
  graph.setIndexOffsets(offsets);
  const encoder = ctx.device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  offsets.forEach((_, slot) => graph.encodeStep(pass, slot));
  pass.end();
  ctx.device.queue.submit([encoder.finish()]);
}


describe(`training step on the GPU vs the float64 reference (seed ${seed})`, () => {
  let gpu: TestGpu;
  let split: MnistSplit;
  let gpuSplit: GpuSplit;

  beforeAll(async () => {
    gpu = await testGpu();
    ({ split, onGpu: gpuSplit } = uploadedRandomSplit(gpu, IMAGES, seed));
  });

  it.each([0, 1, 2])('computes every gradient of the mean loss (rtol 1e-3, atol 1e-5), case %i', async (variant) => {
    const rng = createRng(seed + variant);
    const batch = [1, 7, 65][variant]!;
    const indices = Array.from({ length: batch }, () => rng.int(IMAGES));
    const h = await build(gpu, gpuSplit, indices, batch, 'sgd', 0, seed + variant);
    h.model.reset(seed + variant);
    const params = await readFloats(gpu.ctx, h.model.params);
    runSteps(gpu, h.graph, [0]);
    const grads = await readFloats(gpu.ctx, h.model.grads);
    const expected = mlpGradients(SPEC, h.model.layout, params, referenceBatch(split, indices, 0, batch, seed + variant, 0)).grads;
    expect(mismatches(grads, expected, (i) => 1e-5 + 1e-3 * Math.abs(expected[i]!))).toEqual([]);
    h.dispose();
  });

  // Momentum SGD: its update is linear in the gradient. (Adam divides by √v, which turns float32 rounding of
  // near-zero gradients into visible weight differences; its kernel is checked on its own in optimizer.gpu.test.ts.)
  it('follows the reference weights over 5 momentum-SGD steps (rtol 1e-4, atol 1e-6)', async () => {
    const rng = createRng(seed);
    const batch = 20;
    const indices = Array.from({ length: 5 * batch }, () => rng.int(IMAGES));
    const hp = hyperparameters(0.05);
    const h = await build(gpu, gpuSplit, indices, batch, 'momentum', hp.learningRate, seed);
    h.model.reset(seed);
    const state = initialOptimizerState('momentum', await readFloats(gpu.ctx, h.model.params));
    runSteps(gpu, h.graph, [0, 1, 2, 3, 4].map((s) => s * batch));
    for (let step = 0; step < 5; step++) {
      const { grads } = mlpGradients(SPEC, h.model.layout, state.params, referenceBatch(split, indices, step * batch, batch, seed, step));
      optimizerStep('momentum', hp, state, grads);
    }
    const params = await readFloats(gpu.ctx, h.model.params);
    expect(mismatches(params, state.params, (i) => 1e-6 + 1e-4 * Math.abs(state.params[i]!))).toEqual([]);
    h.dispose();
  });

  it('raises p(label | image) (under that step’s dropout mask) with one small SGD step, in 100 of 100 random cases', async () => {
    const rng = createRng(seed);
    const indices = Array.from({ length: 100 }, () => rng.int(IMAGES));
    const h = await build(gpu, gpuSplit, indices, 1, 'sgd', 1e-3, seed);
    h.model.reset(seed);
    let raised = 0;
    for (let step = 0; step < 100; step++) {
      const data = referenceBatch(split, indices, step, 1, seed, step);
      const before = mlpForward(SPEC, h.model.layout, await readFloats(gpu.ctx, h.model.params), data).meanLoss;
      runSteps(gpu, h.graph, [step]);
      const after = mlpForward(SPEC, h.model.layout, await readFloats(gpu.ctx, h.model.params), data).meanLoss;
      if (after < before) raised++; // loss = −log p(label | image)
    }
    expect(raised).toBe(100);
    h.dispose();
  });
});
