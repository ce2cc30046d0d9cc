// Training-health kernels: per-channel activation sums and liveness over a window's rows, per-layer norms of w, g and Δw, a snapshot.
import type { GpuContext } from '../device';
import { createKernelOp, type ComputeOp, type KernelResource } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import { FOLDED_INDEX_SHADER } from './folded-index';
import healthCode from '../../../../shaders/health.wgsl?raw';

const HEALTH_SHADER: ShaderSource = { file: 'shaders/health.wgsl', code: healthCode, includes: [FOLDED_INDEX_SHADER] };
/** A power of two: the norms' tree reduction halves it. */
const WORKGROUP_SIZE = 64;

/** Where a layer's statistics of one health window go; the caller zeroes them before the window. */
export interface UnitStatsTarget {
  sums: KernelResource; // f32 [2, channels]: Σ y, then Σ y², added to by every step
  alive: KernelResource; // u32 [channels]: set to 1 once a value has y > 0 (where a ReLU-family Z is > 0)
}

export interface ChannelStatsOptions {
  rows: number;
  /** An image's channels, or a flat output's units. */
  channels: number;
  /** Values of a channel in one row: an image's height × width, 1 for a flat output. */
  plane: number;
  y: KernelResource; // Y: f32 [rows, channels, plane]
  target: UnitStatsTarget;
}

/** Adds one step's rows to the window's per-channel sums and liveness: one workgroup per channel. */
export function createChannelStats(ctx: GpuContext, cache: PipelineCache, options: ChannelStatsOptions): Promise<ComputeOp> {
  const { rows, channels, plane } = options;
  return createKernelOp(ctx, cache, {
    pipeline: { shader: HEALTH_SHADER, entryPoint: 'channel_stats_accumulate', constants: { WORKGROUP_SIZE } },
    label: `channel stats ${rows}×${channels}×${plane}`,
    params: new Uint32Array([rows, channels, plane, 0]),
    dispatch: { workgroups: [channels] },
    storage: [options.y, options.target.sums, options.target.alive],
  });
}

/** Copies `length` floats of `source` to `target` inside a compute pass. */
export function createSnapshotCopy(ctx: GpuContext, cache: PipelineCache, options: { length: number; source: KernelResource; target: KernelResource }): Promise<ComputeOp> {
  return createKernelOp(ctx, cache, {
    pipeline: { shader: HEALTH_SHADER, entryPoint: 'snapshot_copy', constants: { WORKGROUP_SIZE } },
    label: `snapshot of ${options.length} floats`,
    params: new Uint32Array([options.length, 0, 0, 0]),
    dispatch: { invocations: options.length, workgroupSize: WORKGROUP_SIZE },
    storage: [options.source, options.target],
  });
}

/** Where one layer's tensors lie in the flat buffers: a float offset and a length (padding between them included). */
export interface FlatSegment {
  offset: number;
  length: number;
}

export interface TensorNormsOptions {
  segments: readonly FlatSegment[];
  weights: KernelResource; // the flat parameters after the update
  gradients: KernelResource; // the flat gradients the update used
  previous: KernelResource; // the flat parameters before the update
  norms: KernelResource; // f32 [segments, 3]: Σ w², Σ g², Σ Δw² per segment (overwritten)
}

/** Squared norms per layer of its weights, its gradient and its last update; owns its segment table. */
export async function createTensorNorms(ctx: GpuContext, cache: PipelineCache, options: TensorNormsOptions): Promise<ComputeOp> {
  const count = options.segments.length;
  if (count < 1) throw new RangeError('tensor norms need at least one segment');
  const table = ctx.buffers.createWithData('tensor norm segments', Uint32Array.from(options.segments.flatMap(({ offset, length }) => [offset, length])), GPUBufferUsage.STORAGE);
  const op = await createKernelOp(ctx, cache, {
    pipeline: { shader: HEALTH_SHADER, entryPoint: 'tensor_norms', constants: { WORKGROUP_SIZE } },
    label: `tensor norms of ${count} layers`,
    params: new Uint32Array([count, 0, 0, 0]),
    dispatch: { workgroups: [count] },
    storage: [table, options.weights, options.gradients, options.previous, options.norms],
  }).catch((error: unknown) => {
    ctx.buffers.destroy(table);
    throw error;
  });
  return {
    encode: op.encode,
    dispose() {
      op.dispose();
      ctx.buffers.destroy(table);
    },
  };
}
