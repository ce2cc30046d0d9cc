// Non-finite check on the GPU: counts NaN and ±Inf values of a float buffer into a counter word, by bit pattern.
import type { GpuContext } from '../device';
import { createKernelOp, type ComputeOp } from '../kernel';
import type { PipelineCache, ShaderSource } from '../pipelines';
import nonfiniteCode from '../../../../shaders/nonfinite.wgsl?raw';

const NONFINITE_SHADER: ShaderSource = { file: 'shaders/nonfinite.wgsl', code: nonfiniteCode };
const WORKGROUP_SIZE = 64;

export interface NonfiniteCheckOptions {
  length: number;
  values: GPUBuffer; // f32 [length]
  count: GPUBuffer; // u32 [1]: non-finite values found, added to by every dispatch; the caller zeroes it
}

/** The check bound to its buffers; `encode` records one dispatch into a pass. */
export type NonfiniteCheckOp = ComputeOp;

export function createNonfiniteCheck(ctx: GpuContext, cache: PipelineCache, options: NonfiniteCheckOptions): Promise<NonfiniteCheckOp> {
  return createKernelOp(ctx, cache, {
    pipeline: { shader: NONFINITE_SHADER, entryPoint: 'nonfinite_count_values', constants: { WORKGROUP_SIZE } },
    label: `non-finite check of ${options.values.label}`,
    params: new Uint32Array([options.length, 0, 0, 0]),
    dispatch: { invocations: options.length, workgroupSize: WORKGROUP_SIZE },
    storage: [options.values, options.count],
  });
}
