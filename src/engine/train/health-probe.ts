// The training-health statistics of a step's layers on the GPU: recorded inside the step's pass, read with the metrics ring.
import type { Activation } from '../activations';
import type { GpuContext } from '../gpu/device';
import { awaitAll, type ComputeOp } from '../gpu/kernel';
import { createSnapshotCopy, createTensorNorms, createUnitStats } from '../gpu/kernels/health';
import type { PipelineCache } from '../gpu/pipelines';
import { floatRange } from '../gpu/tensors';
import type { LayerHealth } from '../health/types';
import { shapeSize } from '../layers/shapes';
import { TENSOR_ALIGNMENT_FLOATS, type ParameterLayout } from '../model/parameters';
import type { ForwardLayer } from './forward';
import type { ModelState } from './model-state';

/** Activations whose units can die: no positive pre-activation means (almost) no output and no gradient. */
const RELU_FAMILY: ReadonlySet<Activation> = new Set(['relu', 'leaky_relu', 'gelu']);

const align = (floats: number): number => Math.ceil(floats / TENSOR_ALIGNMENT_FLOATS) * TENSOR_ALIGNMENT_FLOATS;

/** Where one probed layer's window statistics sit in the stats buffer (float offsets). */
interface ProbedLayer {
  layer: number;
  name: string;
  units: number;
  reluFamily: boolean;
  sumsAt: number; // [units, 2]: Σ y, Σ y²
  aliveAt: number; // [units] u32
}

export interface HealthProbe {
  /** Bytes `encodeCopy` writes: the window's statistics. */
  bytes: number;
  /** After the window's last forward pass: its rows' per-unit statistics. */
  encodeUnitStats(pass: GPUComputePassEncoder): void;
  /** Before the window's last update: keeps the parameters, so the update's size can be measured. */
  encodeSnapshot(pass: GPUComputePassEncoder): void;
  /** After the window's last update: the norms of each layer's weights, gradients and update. */
  encodeNorms(pass: GPUComputePassEncoder): void;
  /** Copies the window's statistics into `target` and zeroes them for the next window (outside any pass). */
  encodeCopy(encoder: GPUCommandEncoder, target: GPUBuffer): void;
  /** The figures of a window from the bytes `encodeCopy` wrote. */
  decode(bytes: ArrayBuffer): LayerHealth[];
  dispose(): void;
}

export interface HealthProbeOptions {
  layers: readonly ForwardLayer[];
  /** Each layer's name in a summary, by index. */
  names: readonly string[];
  layout: ParameterLayout;
  model: ModelState;
  batch: number;
}

export async function createHealthProbe(ctx: GpuContext, cache: PipelineCache, options: HealthProbeOptions): Promise<HealthProbe> {
  const { layout, model, batch } = options;
  const withParameters = new Set(layout.layers.map(({ layerIndex }) => layerIndex));
  let floats = 0;
  const take = (size: number) => ((floats = align(floats + size)), floats - align(size));
  const probed: (ProbedLayer & { forward: ForwardLayer })[] = options.layers
    .filter(({ place }) => withParameters.has(place.index))
    .map((forward) => {
      const units = shapeSize(forward.place.output);
      const reluFamily = forward.activation !== undefined && RELU_FAMILY.has(forward.activation.activation);
      return { forward, layer: forward.place.index, name: options.names[forward.place.index]!, units, reluFamily, sumsAt: take(2 * units), aliveAt: take(units) };
    });
  const normsAt = take(3 * layout.layers.length);
  const stats = ctx.buffers.create({ label: 'health statistics', size: floats * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
  const previous = ctx.buffers.create({ label: 'parameters before the update', size: layout.totalFloats * 4, usage: GPUBufferUsage.STORAGE });
  const segments = layout.layers.map(({ tensors }) => ({ offset: tensors[0]!.offset, length: tensors.at(-1)!.offset + tensors.at(-1)!.size - tensors[0]!.offset }));
  const release = () => [stats, previous].forEach((buffer) => ctx.buffers.destroy(buffer));
  const pending: Promise<ComputeOp>[] = probed.map(({ forward, units, sumsAt, aliveAt }) =>
    createUnitStats(ctx, cache, {
      rows: batch,
      units,
      z: forward.activation?.z ?? forward.y,
      y: forward.y,
      unitSums: floatRange(stats, sumsAt, 2 * units),
      unitAlive: floatRange(stats, aliveAt, units),
    }),
  );
  pending.push(createSnapshotCopy(ctx, cache, { length: layout.totalFloats, source: model.params, target: previous }));
  pending.push(createTensorNorms(ctx, cache, { segments, weights: model.params, gradients: model.grads, previous, norms: floatRange(stats, normsAt, 3 * segments.length) }));
  const ops = await awaitAll(pending).catch((error: unknown) => {
    release();
    throw error;
  });
  const unitStats = ops.slice(0, probed.length);
  const [snapshot, norms] = ops.slice(probed.length) as [ComputeOp, ComputeOp];
  return {
    bytes: floats * 4,
    encodeUnitStats: (pass) => unitStats.forEach((op) => op.encode(pass)),
    encodeSnapshot: (pass) => snapshot.encode(pass),
    encodeNorms: (pass) => norms.encode(pass),
    encodeCopy(encoder, target) {
      encoder.copyBufferToBuffer(stats, 0, target, 0, floats * 4);
      encoder.clearBuffer(stats);
    },
    decode: (bytes) => probed.map((layer, i) => layerHealth(layer, bytes, batch, new Float32Array(bytes, (normsAt + 3 * i) * 4, 3))),
    dispose() {
      ops.forEach((op) => op.dispose());
      release();
    },
  };
}

/** One layer's figures: norms from the squared sums, activation moments over rows × units, the dead fraction. */
function layerHealth(layer: ProbedLayer, bytes: ArrayBuffer, rows: number, [weightSquares, gradientSquares, updateSquares]: Float32Array): LayerHealth {
  const sums = new Float32Array(bytes, layer.sumsAt * 4, 2 * layer.units);
  const alive = new Uint32Array(bytes, layer.aliveAt * 4, layer.units);
  let [sum, squares] = [0, 0];
  for (let unit = 0; unit < layer.units; unit++) [sum, squares] = [sum + sums[2 * unit]!, squares + sums[2 * unit + 1]!];
  const values = rows * layer.units;
  const mean = sum / values;
  const weightNorm = Math.sqrt(weightSquares!);
  const health: LayerHealth = {
    layer: layer.layer,
    name: layer.name,
    gradientNorm: Math.sqrt(gradientSquares!),
    weightNorm,
    updateRatio: Math.sqrt(updateSquares!) / weightNorm,
    activationMean: mean,
    activationStd: Math.sqrt(Math.max(0, squares / values - mean * mean)),
  };
  if (layer.reluFamily) health.deadFraction = alive.filter((flag) => flag === 0).length / layer.units;
  return health;
}
