// The training-health statistics of a window's layers on the GPU: recorded inside its steps' passes, read with the metrics ring.
import type { Activation } from '../activations';
import type { GpuContext } from '../gpu/device';
import { awaitAll, type ComputeOp } from '../gpu/kernel';
import { createChannelStats, createSnapshotCopy, createTensorNorms, type UnitStatsTarget } from '../gpu/kernels/health';
import type { PipelineCache } from '../gpu/pipelines';
import { floatRange } from '../gpu/tensors';
import type { LayerHealth } from '../health/types';
import { imageOf, shapeSize } from '../layers/shapes';
import { TENSOR_ALIGNMENT_FLOATS, type ParameterLayout } from '../model/parameters';
import type { ForwardLayer } from './forward';
import type { ModelState } from './model-state';

/** Activations whose units can die: no positive pre-activation means (almost) no output and no gradient. */
const RELU_FAMILY: ReadonlySet<Activation> = new Set(['relu', 'leaky_relu', 'gelu']);

const align = (floats: number): number => Math.ceil(floats / TENSOR_ALIGNMENT_FLOATS) * TENSOR_ALIGNMENT_FLOATS;

/** Where one probed layer's window statistics sit in the stats buffer (float offsets). */
interface ProbedLayer {
  forward: ForwardLayer;
  name: string;
  /** An image's channels, or a flat output's units: what the statistics are kept per. */
  channels: number;
  /** Values of a channel per row: an image's height × width, or 1. */
  plane: number;
  reluFamily: boolean;
  sumsAt: number; // [2, channels]: Σ y, then Σ y²
  aliveAt: number; // [channels] u32
}

/** The stats buffer of a model's health windows, made before the backward pass so its layers can add to it. */
export interface HealthStats {
  buffer: GPUBuffer;
  floats: number;
  probed: readonly ProbedLayer[];
  /** Each probed layer's per-channel target, by layer index. */
  targets: ReadonlyMap<number, UnitStatsTarget>;
  /** [layers with parameters, 3]: Σ w², Σ g², Σ Δw². */
  normsAt: number;
  dispose(): void;
}

export interface HealthStatsOptions {
  layers: readonly ForwardLayer[];
  /** Each layer's name in a summary, by index. */
  names: readonly string[];
  layout: ParameterLayout;
}

/** Lays out and makes the stats buffer: per-channel sums and liveness of each layer with parameters, then the norms. */
export function createHealthStats(ctx: GpuContext, { layers, names, layout }: HealthStatsOptions): HealthStats {
  const withParameters = new Set(layout.layers.map(({ layerIndex }) => layerIndex));
  let floats = 0;
  const take = (size: number) => ((floats = align(floats + size)), floats - align(size));
  const probed: ProbedLayer[] = layers
    .filter(({ place }) => withParameters.has(place.index))
    .map((forward) => {
      const image = imageOf(forward.place.output);
      const channels = image?.channels ?? shapeSize(forward.place.output);
      const reluFamily = forward.activation !== undefined && RELU_FAMILY.has(forward.activation.activation);
      return { forward, name: names[forward.place.index]!, channels, plane: image ? image.height * image.width : 1, reluFamily, sumsAt: take(2 * channels), aliveAt: take(channels) };
    });
  const normsAt = take(3 * layout.layers.length);
  const buffer = ctx.buffers.create({ label: 'health statistics', size: floats * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  const targets = new Map(probed.map(({ forward, channels, sumsAt, aliveAt }) => [forward.place.index, { sums: floatRange(buffer, sumsAt, 2 * channels), alive: floatRange(buffer, aliveAt, channels) }]));
  return { buffer, floats, probed, targets, normsAt, dispose: () => ctx.buffers.destroy(buffer) };
}

export interface HealthProbe {
  /** Bytes `encodeCopy` writes: the window's statistics. */
  bytes: number;
  /** After each forward pass of the window: the per-channel statistics of the layers whose backward does not add them. */
  encodeUnitStats(pass: GPUComputePassEncoder): void;
  /** Before the window's last update: keeps the parameters, so the update's size can be measured. */
  encodeSnapshot(pass: GPUComputePassEncoder): void;
  /** After the window's last update: the norms of each layer's weights, gradients and update. */
  encodeNorms(pass: GPUComputePassEncoder): void;
  /** Copies the window's statistics into `target` and zeroes them for the next window (outside any pass). */
  encodeCopy(encoder: GPUCommandEncoder, target: GPUBuffer): void;
  /** The figures of a window of `steps` steps from the bytes `encodeCopy` wrote. */
  decode(bytes: ArrayBuffer, steps: number): LayerHealth[];
  dispose(): void;
}

export interface HealthProbeOptions {
  /** Owned by the probe from now on. */
  stats: HealthStats;
  /** The layers whose backward adds their statistics (BackwardPass.recordsUnitStats). */
  recordedByBackward: ReadonlySet<number>;
  layout: ParameterLayout;
  model: ModelState;
  batch: number;
}

export async function createHealthProbe(ctx: GpuContext, cache: PipelineCache, options: HealthProbeOptions): Promise<HealthProbe> {
  const { stats, layout, model, batch } = options;
  const previous = ctx.buffers.create({ label: 'parameters before the update', size: layout.totalFloats * 4, usage: GPUBufferUsage.STORAGE });
  const segments = layout.layers.map(({ tensors }) => ({ offset: tensors[0]!.offset, length: tensors.at(-1)!.offset + tensors.at(-1)!.size - tensors[0]!.offset }));
  const release = () => {
    stats.dispose();
    ctx.buffers.destroy(previous);
  };
  const ownKernel = stats.probed.filter(({ forward }) => !options.recordedByBackward.has(forward.place.index));
  const pending: Promise<ComputeOp>[] = ownKernel.map(({ forward, channels, plane }) =>
    createChannelStats(ctx, cache, { rows: batch, channels, plane, y: forward.y, target: stats.targets.get(forward.place.index)! }),
  );
  pending.push(createSnapshotCopy(ctx, cache, { length: layout.totalFloats, source: model.params, target: previous }));
  pending.push(createTensorNorms(ctx, cache, { segments, weights: model.params, gradients: model.grads, previous, norms: floatRange(stats.buffer, stats.normsAt, 3 * segments.length) }));
  const ops = await awaitAll(pending).catch((error: unknown) => {
    release();
    throw error;
  });
  const channelStats = ops.slice(0, ownKernel.length);
  const [snapshot, norms] = ops.slice(ownKernel.length) as [ComputeOp, ComputeOp];
  const bytes = stats.floats * 4;
  return {
    bytes,
    encodeUnitStats: (pass) => channelStats.forEach((op) => op.encode(pass)),
    encodeSnapshot: (pass) => snapshot.encode(pass),
    encodeNorms: (pass) => norms.encode(pass),
    encodeCopy(encoder, target) {
      encoder.copyBufferToBuffer(stats.buffer, 0, target, 0, bytes);
      encoder.clearBuffer(stats.buffer);
    },
    decode: (data, steps) => stats.probed.map((layer, i) => layerHealth(layer, data, steps * batch, new Float32Array(data, (stats.normsAt + 3 * i) * 4, 3))),
    dispose() {
      ops.forEach((op) => op.dispose());
      release();
    },
  };
}

/** One layer's figures: norms from the squared sums, activation moments over all its values in the window's rows, the dead fraction. */
function layerHealth(layer: ProbedLayer, bytes: ArrayBuffer, rows: number, [weightSquares, gradientSquares, updateSquares]: Float32Array): LayerHealth {
  const sums = new Float32Array(bytes, layer.sumsAt * 4, 2 * layer.channels);
  const alive = new Uint32Array(bytes, layer.aliveAt * 4, layer.channels);
  let [sum, squares] = [0, 0];
  for (let channel = 0; channel < layer.channels; channel++) [sum, squares] = [sum + sums[channel]!, squares + sums[layer.channels + channel]!];
  const values = rows * layer.channels * layer.plane;
  const mean = sum / values;
  const weightNorm = Math.sqrt(weightSquares!);
  const health: LayerHealth = {
    layer: layer.forward.place.index,
    name: layer.name,
    gradientNorm: Math.sqrt(gradientSquares!),
    weightNorm,
    updateRatio: Math.sqrt(updateSquares!) / weightNorm,
    activationMean: mean,
    activationStd: Math.sqrt(Math.max(0, squares / values - mean * mean)),
  };
  if (layer.reluFamily) health.deadFraction = alive.filter((flag) => flag === 0).length / layer.channels;
  if (layer.reluFamily && layer.plane > 1) health.deadOf = 'filters';
  return health;
}
