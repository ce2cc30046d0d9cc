// Non-finite check on the GPU: counts NaN and ±Inf values of a float buffer into a counter word, by bit pattern.
import type { GpuContext } from '../device';
import { foldedDispatch } from '../dispatch';
import { bindKernel, createUniform, type ComputeOp } from '../kernel';
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

export async function createNonfiniteCheck(
  ctx: GpuContext,
  cache: PipelineCache,
  options: NonfiniteCheckOptions,
): Promise<NonfiniteCheckOp> {
  const pipeline = await cache.pipeline({
    shader: NONFINITE_SHADER,
    entryPoint: 'nonfinite_count_values',
    constants: { WORKGROUP_SIZE },
  });
  const params = createUniform(ctx, 'non-finite check', new Uint32Array([options.length, 0, 0, 0]));
  const workgroups = foldedDispatch(options.length, WORKGROUP_SIZE, ctx.device.limits.maxComputeWorkgroupsPerDimension);
  const label = `non-finite check of ${options.values.label}`;
  const kernel = bindKernel(ctx.device, pipeline, label, [params, options.values, options.count], workgroups);
  return { encode: kernel.encode, dispose: () => ctx.buffers.destroy(params) };
}
