// Training-health kernels: per-unit activation sums and liveness over a window's rows, per-layer norms of w, g and Δw, a snapshot.
import type { GpuContext } from '../device';
import { createKernelOp, type ComputeOp, type KernelResource } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import { FOLDED_INDEX_SHADER } from './folded-index';
import healthCode from '../../../../shaders/health.wgsl?raw';

const HEALTH_SHADER: ShaderSource = { file: 'shaders/health.wgsl', code: healthCode, includes: [FOLDED_INDEX_SHADER] };
/** A power of two: the norms' tree reduction halves it. */
const WORKGROUP_SIZE = 64;

export interface UnitStatsOptions {
  rows: number;
  units: number;
  z: KernelResource; // Z: f32 [rows, units], the pre-activation (Y itself for a layer without one)
  y: KernelResource; // Y: f32 [rows, units]
  unitSums: KernelResource; // f32 [units, 2]: Σ y and Σ y², added to by every dispatch; the caller zeroes it
  unitAlive: KernelResource; // u32 [units]: set to 1 once a row has z > 0; the caller zeroes it
}

/** Adds one step's rows to the window's per-unit sums and liveness. */
export function createUnitStats(ctx: GpuContext, cache: PipelineCache, options: UnitStatsOptions): Promise<ComputeOp> {
  const { rows, units } = options;
  return createKernelOp(ctx, cache, {
    pipeline: { shader: HEALTH_SHADER, entryPoint: 'unit_stats_accumulate', constants: { WORKGROUP_SIZE } },
    label: `unit stats ${rows}×${units}`,
    params: new Uint32Array([rows, units, 0, 0]),
    dispatch: { invocations: units, workgroupSize: WORKGROUP_SIZE },
    storage: [options.z, options.y, options.unitSums, options.unitAlive],
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
