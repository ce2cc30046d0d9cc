// gpu tier: each health statistic of a two-step window against the float64 reference: activations over both steps' rows, norms at the last.
import { beforeAll, describe, expect, it } from 'vitest';
import { testGpu, type TestGpu } from '../../../tests/gpu/context';
import { inputBuffer, mismatches, readFloats, release } from '../../../tests/gpu/harness';
import { uploadedRandomSplit } from '../../../tests/gpu/random-split';
import { PIXELS_PER_IMAGE, type MnistSplit } from '../data/mnist';
import type { GpuSplit } from '../gpu/dataset';
import { createLossAccumulators } from '../gpu/kernels/softmax-ce';
import { readBuffer } from '../gpu/readback';
import type { LayerHealth } from '../health/types';
import { networkLayers } from '../model/network';
import { layerTensors, type ParameterLayout } from '../model/parameters';
import type { ModelSpec } from '../model/spec';
import { createRng } from '../random';
import { channelStats } from '../reference/health';
import { mlpGradients, type MlpBatch } from '../reference/mlp';
import { imageOf, shapeSize } from '../layers/shapes';
import { createModelState } from './model-state';
import { createTrainingGraph, type TrainingGraph } from './training-graph';

const seed = Date.now() >>> 0;
const IMAGES = 200;
const BATCH = 7;
/** Units (filters) of the first layer given a bias so negative that they can never fire. */
const DEAD_UNITS = 6;

/** Dense layers: statistics added inside the bias gradient's kernel; Conv2D: by the probe's own per-channel kernel. */
const SPECS: [string, ModelSpec][] = [
  [
    'dense',
    {
      layers: [
        { kind: 'dense', units: 24, activation: 'relu', init: 'he' },
        { kind: 'dense', units: 16, activation: 'gelu', init: 'glorot' },
        { kind: 'dense', units: 12, activation: 'tanh', init: 'glorot' },
      ],
    },
  ],
  [
    'conv',
    {
      layers: [
        { kind: 'conv2d', filters: 9, kernelSize: 5, stride: 2, padding: 'same', activation: 'relu', init: 'he' },
        { kind: 'maxpool', size: 2, stride: 'size' },
        { kind: 'conv2d', filters: 4, kernelSize: 3, stride: 1, padding: 'valid', activation: 'leaky_relu', init: 'he' },
        { kind: 'dense', units: 12, activation: 'relu', init: 'he' },
      ],
    },
  ],
];


/** The float64 batch the GPU gathers for `rows`: pixels / 255 and labels. */
function referenceBatch(split: MnistSplit, rows: number[]): MlpBatch {
  const x = Float64Array.from({ length: rows.length * PIXELS_PER_IMAGE }, (_, i) => Math.fround(split.images[rows[Math.floor(i / PIXELS_PER_IMAGE)]! * PIXELS_PER_IMAGE + (i % PIXELS_PER_IMAGE)]! / 255));
  return { x, labels: rows.map((row) => split.labels[row]!), batch: rows.length };
}

/** Each layer's pre-activation Z and output Y from the float64 forward. */
function referenceLayers(spec: ModelSpec, layout: ParameterLayout, params: Float32Array, data: MlpBatch): { z: Float64Array; y: Float64Array }[] {
  let x: Float64Array = Float64Array.from(data.x);
  return networkLayers(spec).map(({ spec, kind, place }) => {
    const offsets = layerTensors(layout, place.index).map((tensor) => tensor.offset);
    const { y, tape } = kind.reference.forward(spec, { place, batch: data.batch, x, params, offsets });
    x = y;
    return { z: tape && 'z' in tape ? tape.z : y, y };
  });
}

function encodeStep({ ctx }: TestGpu, graph: TrainingGraph, last: boolean, stats?: GPUBuffer): void {
  const encoder = ctx.device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  graph.encodeStep(pass, 0, { last });
  pass.end();
  if (stats) graph.health.encodeCopy(encoder, stats);
  ctx.device.queue.submit([encoder.finish()]);
}

const squares = (values: ArrayLike<number>, from: number, to: number) => Array.prototype.slice.call(values, from, to).reduce((sum: number, value: number) => sum + value * value, 0);

describe(`health statistics of a training window (seed ${seed})`, () => {
  let gpu: TestGpu;
  let split: MnistSplit;
  let gpuSplit: GpuSplit;

  beforeAll(async () => {
    gpu = await testGpu();
    ({ split, onGpu: gpuSplit } = uploadedRandomSplit(gpu, IMAGES, seed));
  });

  it.each(SPECS)('equal the reference (%s): norms (rtol 1e-4), update ratio (rtol 1e-3), activation mean and std (rtol 1e-4), dead fractions exactly', async (_, spec) => {
    const { ctx, cache } = gpu;
    const rng = createRng(seed);
    const rows = Array.from({ length: 2 * BATCH }, () => rng.int(IMAGES));
    const hyperparameters = { learningRate: 0.05, momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0, maxGradNorm: 0 };
    const model = await createModelState(ctx, cache, spec, 'momentum', hyperparameters);
    const indices = inputBuffer(ctx, 'step indices', Uint32Array.from(rows));
    const accumulators = createLossAccumulators(ctx);
    const graph = await createTrainingGraph(ctx, cache, { spec, model, batch: BATCH, split: gpuSplit, indices, stepsPerSubmit: 1, accumulators, dropoutSeed: seed });
    const stats = ctx.buffers.create({ label: 'health copy', size: graph.health.bytes, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
    model.reset(seed);
    const start = await readFloats(gpu.ctx, model.params);
    const firstBias = layerTensors(model.layout, 0)[1]!;
    start.fill(-50, firstBias.offset, firstBias.offset + DEAD_UNITS);
    ctx.device.queue.writeBuffer(model.params, 0, start);

    graph.setIndexOffsets([0]);
    encodeStep(gpu, graph, false);
    const before = await readFloats(gpu.ctx, model.params);
    graph.setIndexOffsets([BATCH]);
    encodeStep(gpu, graph, true, stats);
    const health = graph.health.decode(await readBuffer(ctx, stats), 2);
    const after = await readFloats(gpu.ctx, model.params);

    // Activations over both steps (each forward saw the parameters before its own update); norms of the last step.
    const steps = [referenceLayers(spec, model.layout, start, referenceBatch(split, rows.slice(0, BATCH))), referenceLayers(spec, model.layout, before, referenceBatch(split, rows.slice(BATCH)))];
    const { grads } = mlpGradients(spec, model.layout, before, referenceBatch(split, rows.slice(BATCH)));
    const probed = networkLayers(spec).filter(({ place }) => layerTensors(model.layout, place.index).length > 0);
    const expected: LayerHealth[] = probed.map(({ kind, spec: layerSpec, place }) => {
      const tensors = layerTensors(model.layout, place.index);
      const [from, to] = [tensors[0]!.offset, tensors.at(-1)!.offset + tensors.at(-1)!.size];
      const update = Array.from({ length: to - from }, (_, i) => after[from + i]! - before[from + i]!);
      const outputs = steps.flatMap((step) => Array.from(step[place.index]!.y));
      const mean = outputs.reduce((sum, value) => sum + value, 0) / outputs.length;
      const variance = outputs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / outputs.length;
      const image = imageOf(place.output);
      const [channels, plane] = image ? [image.channels, image.height * image.width] : [shapeSize(place.output), 1];
      const alive = steps.map((step) => channelStats(step[place.index]!.z, step[place.index]!.y, BATCH, channels, plane).alive);
      const dead = Array.from({ length: channels }, (_, channel) => alive.every((flags) => flags[channel] === 0));
      const reluFamily = 'activation' in layerSpec && ['relu', 'gelu', 'leaky_relu'].includes(layerSpec.activation);
      return {
        layer: place.index,
        name: kind.name(layerSpec, place.role),
        gradientNorm: Math.sqrt(squares(grads, from, to)),
        weightNorm: Math.sqrt(squares(after, from, to)),
        updateRatio: Math.sqrt(squares(update, 0, update.length)) / Math.sqrt(squares(after, from, to)),
        activationMean: mean,
        activationStd: Math.sqrt(variance),
        ...(reluFamily ? { deadFraction: dead.filter(Boolean).length / channels } : {}),
        ...(reluFamily && image ? { deadOf: 'filters' as const } : {}),
      };
    });

    expect(health.map(({ layer, name, deadFraction, deadOf }) => ({ layer, name, deadFraction, deadOf }))).toEqual(expected.map(({ layer, name, deadFraction, deadOf }) => ({ layer, name, deadFraction, deadOf })));
    const firstChannels = imageOf(probed[0]!.place.output)?.channels ?? shapeSize(probed[0]!.place.output);
    expect(health[0]!.deadFraction).toBeGreaterThanOrEqual(DEAD_UNITS / firstChannels);
    const figures = (list: LayerHealth[], key: 'gradientNorm' | 'weightNorm' | 'updateRatio' | 'activationMean' | 'activationStd') => list.map((entry) => entry[key]);
    for (const [key, rtol, atol] of [['gradientNorm', 1e-4, 0], ['weightNorm', 1e-4, 0], ['updateRatio', 1e-3, 0], ['activationMean', 1e-4, 1e-6], ['activationStd', 1e-4, 1e-6]] as const) {
      const want = figures(expected, key);
      expect(mismatches(figures(health, key), want, (i) => atol + rtol * Math.abs(want[i]!)), key).toEqual([]);
    }
    graph.dispose();
    model.dispose();
    release(ctx, indices, accumulators, stats);
  });
});
